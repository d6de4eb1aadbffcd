// The zip half of unarchive's host script, as Ansible's ZipArchive decides: list the members with `zipinfo -T -s`,
// compare each with what dest holds (type, size, mtime, CRC-32, mode, owner, group), and unpack with `unzip -o`
// only when one differs. The CRC of a file on the host is read from gzip's trailer (CRC-32, as zip's).
import { quote, shellJoin } from '../../engine/core/quote.js';

export interface ZipRequest {
  readonly extraOpts: readonly string[];
  readonly exclude: readonly string[];
  readonly include: readonly string[];
  readonly keepNewer: boolean;
  readonly owner?: string | undefined;
  readonly group?: string | undefined;
  /** chmod's operand (octal or symbolic) */
  readonly mode?: string | undefined;
}

/** Why an include or exclude pattern cannot be given to unzip and zipinfo, or undefined. */
export function zipPatternProblem(pattern: string): string | undefined {
  return pattern.startsWith('-') ? `the archive member pattern ${JSON.stringify(pattern)} starts with '-': unzip would read it as an option` : undefined;
}

// zipinfo's lines as Ansible's is_unarchived reads them, with the CRC-32 from `unzip -v` beside each:
// TYPE(d f L) TAB MODE(octal, umask applied to FAT permissions) TAB SIZE TAB TIME(yyyymmdd.hhmmss) TAB CRC TAB PATH
const MEMBERS_AWK = String.raw`
function rest(s, n,   i) { sub(/^[ \t]+/, "", s); for (i = 0; i < n; i++) sub(/^[^ \t]+[ \t]+/, "", s); return s }
function bits(o,   i, v) { v = 0; for (i = 1; i <= length(o); i++) v = v * 8 + substr(o, i, 1); return v }
function octal(perm, um,   i, v, b, c) {
  v = 0; b = 1
  for (i = 9; i >= 1; i--) { c = substr(perm, i, 1); if (c ~ /[rwxst]/ && int(um / b) % 2 == 0) v += b; b *= 2 }
  return sprintf("%o", v)
}
FILENAME == ARGV[1] { if (NF >= 8) crc[rest($0, 7)] = $7; next }
NF >= 8 && (length($1) == 7 || length($1) == 10) && length($7) == 15 && $1 ~ /^[dl?-][rwxstah-]*$/ {
  path = rest($0, 7); zt = substr($1, 1, 1); perm = substr($1, 2); um = 0
  if (path ~ /\/$/) ft = "d"; else if (zt == "l") ft = "L"; else if (zt == "d") ft = "d"; else ft = "f"
  if (length(perm) == 6) { perm = (ft == "d" || perm == "rwx---") ? "rwxrwxrwx" : "rw-rw-rw-"; um = bits(umask) }
  if (zt == "?") um = 0
  if (perm !~ /^[r-][w-][SsTtx-][r-][w-][SsTtx-][r-][w-][SsTtx-]$/) { print "badperm\t" perm; exit }
  printf "%s\t%s\t%s\t%s\t%s\t%s\n", ft, octal(perm, um), $4, $7, (path in crc) ? crc[path] : "", path
}`;

// stat's %y (local time) as zipinfo -T prints a time; a fraction of a second stays (such a file never matches,
// as in Ansible, and sorts after the whole second)
const MTIME_SED = String.raw`s/^\([0-9]*\)-\([0-9]*\)-\([0-9]*\) \([0-9]*\):\([0-9]*\):\([0-9]*\)\.\([0-9]*\) .*/\1\2\3.\4\5\6.\7/; s/\.0*$//`;

/** A filter by Ansible's fnmatch rules over "$w/names" into "$w/list" (the members it unpacks and lists). */
function filesInArchive(r: ZipRequest): string {
  if (r.include.length > 0) {
    const each = r.include.map((p) => `  pat=${quote(p)}; case $m in $pat) printf '%s\\n' "$m";; esac`);
    return ['while IFS= read -r m; do', ...each, 'done < "$w/names" > "$w/list"'].join('\n');
  }
  if (r.exclude.length === 0) return 'cp "$w/names" "$w/list"';
  const each = r.exclude.map((p) => `  pat=${quote(p)}; case $m in $pat) continue;; esac`);
  return ['while IFS= read -r m; do', ...each, `  printf '%s\\n' "$m"`, 'done < "$w/names" > "$w/list"'].join('\n');
}

/** What each member should have: uid, gid, and (with `mode`) the mode chmod gives it from its current one. */
function expectations(r: ZipRequest): string[] {
  const lines = [
    r.owner ? `fu=$(id -u -- ${quote(r.owner)} 2>/dev/null) || fu=$(id -u)` : 'fu=$(id -u)',
    r.group ? `fg=$(getent group -- ${quote(r.group)} | cut -d: -f3); [ -n "$fg" ] || fg=$(id -g)` : 'fg=$(id -g)',
  ];
  if (r.mode !== undefined && /^[0-7]+$/.test(r.mode)) lines.push(`fm=$(printf %o "$((0${r.mode}))")`);
  return lines;
}

function expectedMode(r: ZipRequest): string {
  if (r.mode === undefined) return 'em=$md';
  if (/^[0-7]+$/.test(r.mode)) return 'em=$fm';
  // a symbolic mode applies to the current mode (X looks at the type): applied to a scratch file or directory
  return [
    'if [ "$ft" = d ]; then sc="$w/sd"; mkdir -p "$sc"; else sc="$w/sf"; : > "$sc"; fi',
    `chmod "$(stat -c %a -- "$t")" "$sc" && chmod -- ${quote(r.mode)} "$sc" && em=$(stat -c %a -- "$sc")`,
  ].join('\n    ');
}

/**
 * The zip branch, ending the script: prints `handler zip`, `diff ITEMIZED PATH` per differing member,
 * `unarchived 1|0`, then (unless checking) `extract RC` with `xerr` lines; then `attrs`, as the caller's
 * `attributes` script does over "$w/list" (the members it unpacks).
 */
export function zipBranch(r: ZipRequest, check: boolean, attributes: string): string {
  const excl = r.exclude.length > 0 ? ` -x ${shellJoin(r.exclude)}` : '';
  const incl = r.include.length > 0 ? ` ${shellJoin(r.include)}` : '';
  const opts = r.extraOpts.length > 0 ? ` ${shellJoin(r.extraOpts)}` : '';
  // user excludes and (keep_newer) the members newer on the host, gathered in "$@"
  const unzipExcl = r.exclude.length > 0 ? `${excl} "$@"` : ' ${1+-x} "$@"';
  return [
    'echo "handler zip"',
    `zipinfo -T -s "$f"${excl}${incl} > "$w/info" 2>/dev/null; zrc=$?`,
    `unzip -v "$f" 2>/dev/null | sed '1,3d' | sed '$d' | sed '$d' > "$w/crc"`,
    'zipinfo -1 "$f" > "$w/names" 2>/dev/null',
    filesInArchive(r),
    `awk -v umask="$(umask)" ${quote(MEMBERS_AWK)} "$w/crc" "$w/info" > "$w/members"`,
    `if grep -q '^badperm' "$w/members"; then echo "result badperm $(tail -n 1 "$w/members" | cut -f2)"; exit 0; fi`,
    ...expectations(r),
    'differs=; set --',
    `tab=$(printf '\\t')`,
    'while IFS="$tab" read -r ft md sz ts crc p; do',
    '  t="$dest/$p"',
    '  if ! st=$(stat -c "%F|%s|%a|%u|%g|%y" -- "$t" 2>/dev/null); then echo "diff >${ft}++++++.?? $p"; differs=1; continue; fi',
    '  IFS="|" read -r kind size am uid gid mt <<EOF\n$st\nEOF',
    '  case $ft:$kind in d:directory|f:regular*|L:symbolic*) ;; *) echo "diff c${ft}++++++.?? $p"; differs=1; continue;; esac',
    '  c=. s=. tm=. pm=. o=.',
    '  if [ "$ft" = f ]; then',
    `    mt=$(printf '%s\\n' "$mt" | sed ${quote(MTIME_SED)})`,
    r.keepNewer
      ? [
          '    if [ "$ts" \\> "$mt" ]; then tm=t',
          // newer on the host: left out of the unpacking, as Ansible adds it to the excludes
          '    elif [ "$ts" \\< "$mt" ]; then case $p in -*) set -- "$@" "[-]${p#-}";; *) set -- "$@" "$p";; esac; continue; fi',
        ].join('\n')
      : '    [ "$ts" = "$mt" ] || tm=t',
    '    [ "$sz" = "$size" ] || s=s',
    `    cr=$(gzip -c < "$t" | tail -c 8 | od -An -tx1 -N4 | awk '{ print $4 $3 $2 $1 }')`,
    '    [ "$cr" = "$crc" ] || c=c',
    '  fi',
    '  if [ "$ft" != L ]; then',
    `    ${expectedMode(r)}`,
    '    [ "$em" = "$am" ] || pm=p',
    '  fi',
    '  [ "$uid" = "$fu" ] || o=o',
    '  [ "$gid" = "$fg" ] || o=g',
    '  it=".${ft}${c}${s}${tm}${pm}${o}..??"',
    '  [ "$it" = ".${ft}.......??" ] || { echo "diff $it $p"; differs=1; }',
    'done < "$w/members"',
    'if [ "$zrc" = 0 ] && [ -z "$differs" ]; then echo "unarchived 1"; else echo "unarchived 0"; fi',
    ...(check
      ? []
      : [
          'if [ "$zrc" != 0 ] || [ -n "$differs" ]; then',
          `  unzip -o${opts} "$f"${incl}${unzipExcl} -d "$dest" > "$w/x" 2>&1; rc=$?; echo "extract $rc"`,
          '  [ "$rc" = 0 ] || { sed "s/^/xerr /" "$w/x"; exit 0; }',
          'fi',
          attributes,
        ]),
    `sed 's,^,file ,' "$w/list"`,
    'exit 0',
  ].join('\n');
}
