// The shell that unpacks an archive ON THE HOST as Ansible's unarchive does with GNU tar: pick the compression by
// listing, `tar --diff` against dest, extract only when it reports a difference Ansible counts, then set attributes.
import { quote, shellJoin } from '../../engine/core/quote.js';

export interface UnpackRequest {
  readonly dest: string;
  /** shell that leaves the archive's path in "$f" (and may `exit 0` after printing `result ...`) */
  readonly acquire: string;
  readonly extraOpts: readonly string[];
  readonly exclude: readonly string[];
  readonly include: readonly string[];
  readonly keepNewer: boolean;
  readonly owner?: string | undefined;
  readonly group?: string | undefined;
  /** chmod's operand (octal or symbolic) */
  readonly mode?: string | undefined;
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

/** The whole step: prints `handler FLAG`, `extract RC` or `unchanged`, `attrs PATH` per changed path, `file NAME` per listed file, or `result WHY`. */
export function unpackScript(r: UnpackRequest): string {
  const opts = r.extraOpts.length > 0 ? ` --show-transformed-names ${shellJoin(r.extraOpts)}` : '';
  const excl = r.exclude.map((e) => ` ${quote(`--exclude=${e.replace(/\/+$/, '')}`)}`).join('');
  const incl = r.include.length > 0 ? ` -- ${shellJoin(r.include)}` : '';
  const ids = `${r.owner ? ` ${quote(`--owner=${r.owner}`)}` : ''}${r.group ? ` ${quote(`--group=${r.group}`)}` : ''}${r.keepNewer ? ' --keep-newer-files' : ''}`;
  const tar = (verb: string, extra = ''): string => `"$T" ${verb} -C "$dest" \${z:+"$z"}${opts}${extra}${excl} -f "$f"${incl}`;
  const uidPats = [r.owner ? '' : ': Uid differs$', r.group ? '' : ': Gid differs$'].filter((p) => p !== '').join('|');
  const attrs: string[] = [];
  if (r.owner) attrs.push(`chown -h -- ${quote(r.owner)} "$t" 2>/dev/null`);
  if (r.group) attrs.push(`chgrp -h -- ${quote(r.group)} "$t" 2>/dev/null`);
  if (r.mode !== undefined) attrs.push(`chmod -- ${quote(r.mode)} "$t"`);
  return [
    'export LANG=C LC_ALL=C LC_MESSAGES=C LANGUAGE=C',
    `dest=${quote(r.dest)}`,
    'w=$(mktemp -d) || exit 1',
    CLEANUP,
    r.acquire,
    'test -s "$f" || { echo "result empty"; exit 0; }',
    'if command -v unzip >/dev/null 2>&1 && unzip -l "$f" >/dev/null 2>&1; then echo "result zip"; exit 0; fi',
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
    attrs.length === 0
      ? ''
      : [
          // every listed path, then each top folder (Ansible #35426): attributes set, reported when stat saw a difference
          `{ cat "$w/list"; sed -n 's,^/*\\([^/]*\\)/.*,\\1,p' "$w/list" | sort -u; } | while IFS= read -r p; do`,
          '  t="$dest/${p#/}"; b=$(stat -c "%a %u %g" -- "$t" 2>/dev/null) || continue',
          `  ${attrs.join('; ')}`,
          '  [ "$(stat -c "%a %u %g" -- "$t")" = "$b" ] || printf "attrs %s\\n" "$p"',
          'done',
        ].join('\n'),
    `sed 's,^/*,file ,' "$w/list"`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
