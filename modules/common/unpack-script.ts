// The shell that unpacks an archive ON THE HOST as Ansible's unarchive does: a zip as its ZipArchive does (when unzip
// and zipinfo can read it), else with GNU tar: pick the compression by listing, `tar --diff` against dest, extract
// only when it reports a difference Ansible counts; then set attributes.
import { quote, shellJoin } from '../../engine/core/quote.js';
import { flagsShell, type WantedFlags } from './file-attributes.js';
import { zipBranch, type ZipRequest } from './zip-unpack.js';

/** What to unpack and how (the options zip and tar share), where from, and into which directory. */
export interface UnpackRequest extends ZipRequest {
  readonly dest: string;
  /** shell that leaves the archive's path in "$f" (and may `exit 0` after printing `result ...`) */
  readonly acquire: string;
  /** check mode: a zip is compared and not unpacked; any other archive is skipped (`result checkskip`) */
  readonly check: boolean;
  /** the chattr attributes every unpacked path gets (not in check mode) */
  readonly flags?: WantedFlags | undefined;
  /** chcon's options for the SELinux context every unpacked path gets where SELinux runs */
  readonly context?: readonly string[] | undefined;
}

// tar options that run programs or read other files: never taken from extra_opts
const REFUSED = /^(--to-command|--checkpoint-action|--use-compress-program|-I|--info-script|--new-volume-script|-F|--rsh-command|--rmt-command|--files-from|-T|--exclude-from|-X|--index-file|--volno-file|--backup|--suffix|--directory|-C|--file|-f)(=|$)/;

/** Why an extra_opts word is refused, or undefined: options only, none that runs a program or names another file. */
export function extraOptProblem(word: string): string | undefined {
  if (!word.startsWith('-')) return `extra_opts ${JSON.stringify(word)} is not an option (operands come from include)`;
  if (REFUSED.test(word)) return `extra_opts ${JSON.stringify(word)} is refused: it runs a program or names another file`;
  if (/^-[^-]/.test(word) && word.length > 2) return `extra_opts ${JSON.stringify(word)}: give short options one per item (-v), or the long form`;
  return undefined;
}

// Ansible's regexes over tar --diff's output: what counts as "not unarchived" (EMPTY_FILE_RE lines are dropped first)
function diffPatterns(r: UnpackRequest): string {
  const pats = [': Mod time differs$', ': Warning: Cannot stat: No such file or directory$', ': Invalid owner', ': Invalid group'];
  if (r.mode === undefined) pats.push(': Mode differs$');
  return pats.join('|');
}

/** Removes the work dir, a download dir "$d" and an archive copied from the controller ("$own" set); acquire scripts that set their own trap set this one again. */
export const CLEANUP = `trap 'rm -rf "$w" \${d:+"$d"}; [ -z "\${own:-}" ] || rm -f "$f"' EXIT`;

/**
 * Sets owner, group and mode on every path in "$w/list", then on each top folder (Ansible #35426): `attrs PATH` for
 * each that stat saw change. Then the chattr attributes, as Ansible's set_attributes_if_different on each: chattr when
 * lsattr's letters differ (always with '-'), `attrs PATH` when it ran, `result chattr ERROR` and no more when it failed.
 */
function attributesScript(r: UnpackRequest): string {
  const attrs: string[] = [];
  if (r.owner) attrs.push(`chown -h -- ${quote(r.owner)} "$t" 2>/dev/null`);
  if (r.group) attrs.push(`chgrp -h -- ${quote(r.group)} "$t" 2>/dev/null`);
  if (r.mode !== undefined) attrs.push(`chmod -- ${quote(r.mode)} "$t"`);
  // the context as Ansible's set_context_if_different: only where SELinux runs, on a link itself (lsetfilecon)
  if (r.context !== undefined && r.context.length > 0) attrs.push(`if [ -e /sys/fs/selinux/enforce ]; then ${shellJoin(['chcon', '-h', ...r.context])} -- "$t" 2>/dev/null; fi`);
  const flags = r.flags !== undefined && !r.check ? r.flags : undefined;
  if (attrs.length === 0 && flags === undefined) return '';
  const format = quote(r.context !== undefined && r.context.length > 0 ? '%a %u %g %C' : '%a %u %g');
  // the error on one line, then no further path: the task fails, as Ansible's fail_json on the first
  const fail = `{ printf 'result chattr %s\\n' "$(printf %s "$e" | tr '\\n' ' ')"; break; }`;
  const chattr = flags === undefined ? [] : flagsShell('"$t"', flags, 'printf "attrs %s\\n" "$p"', fail).map((l) => `  ${l}`);
  return [
    `{ cat "$w/list"; sed -n 's,^/*\\([^/]*\\)/.*,\\1,p' "$w/list" | sort -u; } | while IFS= read -r p; do`,
    // a member named with `..` would point outside dest (tar and unzip do not unpack it): never touched
    '  case "/$p/" in */../*) continue;; esac',
    // stat fails on %C without SELinux, after printing the rest: what it printed is the before and after
    `  t="$dest/\${p#/}"; b=$(stat -c ${format} -- "$t" 2>/dev/null); [ -n "$b" ] || continue`,
    ...(attrs.length === 0 ? [] : [`  ${attrs.join('; ')}`, `  [ "$(stat -c ${format} -- "$t" 2>/dev/null)" = "$b" ] || printf "attrs %s\\n" "$p"`]),
    ...chattr,
    'done',
  ].join('\n');
}

/**
 * The whole step: prints `handler FLAG` (`zip`, or tar's compression option), `extract RC` or `unchanged`,
 * `diff`/`unarchived` lines for a zip, `attrs PATH` per changed path, `file NAME` per listed file, or `result WHY`.
 */
export function unpackScript(r: UnpackRequest): string {
  const opts = r.extraOpts.length > 0 ? ` --show-transformed-names ${shellJoin(r.extraOpts)}` : '';
  const excl = r.exclude.map((e) => ` ${quote(`--exclude=${e.replace(/\/+$/, '')}`)}`).join('');
  const incl = r.include.length > 0 ? ` -- ${shellJoin(r.include)}` : '';
  const ids = `${r.owner ? ` ${quote(`--owner=${r.owner}`)}` : ''}${r.group ? ` ${quote(`--group=${r.group}`)}` : ''}${r.keepNewer ? ' --keep-newer-files' : ''}`;
  const tar = (verb: string, extra = ''): string => `"$T" ${verb} -C "$dest" \${z:+"$z"}${opts}${extra}${excl} -f "$f"${incl}`;
  const uidPats = [r.owner ? '' : ': Uid differs$', r.group ? '' : ': Gid differs$'].filter((p) => p !== '').join('|');
  return [
    'export LANG=C LC_ALL=C LC_MESSAGES=C LANGUAGE=C',
    `dest=${quote(r.dest)}`,
    'w=$(mktemp -d) || exit 1',
    CLEANUP,
    r.acquire,
    'test -s "$f" || { echo "result empty"; exit 0; }',
    // Ansible's ZipArchive is tried first: it needs unzip and zipinfo, and `unzip -l` to read the archive
    'if command -v unzip >/dev/null 2>&1 && command -v zipinfo >/dev/null 2>&1 && unzip -l "$f" >/dev/null 2>&1; then',
    zipBranch(r, r.check, attributesScript(r)),
    'fi',
    // Ansible's tar handlers skip the task in check mode, before they look at the archive
    r.check ? 'echo "result checkskip"; exit 0' : '',
    'T=$(command -v gtar || command -v tar) || T=',
    'found=',
    `if [ -n "$T" ] && "$T" --version 2>/dev/null | head -n 1 | grep -q '^tar.*GNU'; then`,
    `  for z in -z '' -j -J --use-compress-program=zstd; do`,
    `    if cd "$dest" && ${tar('--list')} > "$w/list" 2>/dev/null && [ -s "$w/list" ]; then found=1; break; fi`,
    '  done',
    'fi',
    '[ -n "$found" ] || { echo "result nohandler"; exit 0; }',
    'echo "handler $z"',
    `${tar('--diff', ids)} > "$w/diff" 2>&1`,
    `pats=${quote(diffPatterns(r))}`,
    uidPats === '' ? '' : `[ "$(id -u)" = 0 ] && pats="$pats|"${quote(uidPats)}`,
    `if grep -v ': : Warning: Cannot stat: No such file or directory$' "$w/diff" | grep -Eq "$pats"; then`,
    `  ${tar('--extract', ids)} > "$w/x" 2>&1; rc=$?; echo "extract $rc"`,
    '  [ "$rc" = 0 ] || { sed "s/^/xerr /" "$w/x"; exit 0; }',
    'else echo unchanged; fi',
    attributesScript(r),
    `sed 's,^/*,file ,' "$w/list"`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
