// find: the files (or directories, links) under some paths that match, as ansible.builtin.find reports them. One
// probe per path lists the tree with find(1) (records base64-encoded, so any byte of a name survives), and, when
// asked, which files contain a pattern (grep -P, line by line as Python's re.match, or the whole file) and their
// SHA-1; the matching itself is pure (support/find-walk.ts). Never a change.
import { Type, type Static } from '@sinclair/typebox';
import { quote, sh } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Observed } from './contract.js';
import { FIND_FORMAT, parseEntries, statDict, walk, type Entry, type FindFilter } from './support/find-walk.js';

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

const params = Type.Object({
  paths: Type.Optional(Type.Array(operand('A directory.'), { description: 'The directories to search (a list or a comma-separated string).' })),
  name: aliasOf('paths', Type.Optional(Type.Array(operand('A directory.'), { description: 'Alias of paths.' }))),
  path: aliasOf('paths', Type.Optional(Type.Array(operand('A directory.'), { description: 'Alias of paths.' }))),
  patterns: Type.Array(Type.String(), { description: 'Shell globs (or Python regexes with use_regex) one of which the base name must match; default all.', default: [] }),
  pattern: aliasOf('patterns', Type.Optional(Type.Array(Type.String(), { description: 'Alias of patterns.' }))),
  excludes: Type.Optional(Type.Array(Type.String(), { description: 'Globs (or regexes) of base names left out.' })),
  exclude: aliasOf('excludes', Type.Optional(Type.Array(Type.String(), { description: 'Alias of excludes.' }))),
  contains: Type.Optional(Type.String({ description: 'A regular expression a line of the file must match from its start (files only); read by the host\'s grep -P.' })),
  read_whole_file: Type.Boolean({ description: 'contains searches the whole file at once instead of matching each line.', default: false }),
  file_type: choice(['any', 'directory', 'file', 'link'] as const, { description: 'What to report.', default: 'file' }),
  age: Type.Optional(Type.String({ description: 'Older than this (e.g. 2d, 4w, 30m; negative: newer than).' })),
  age_stamp: choice(['atime', 'ctime', 'mtime'] as const, { description: 'The time age compares.', default: 'mtime' }),
  size: Type.Optional(Type.String({ description: 'At least this size (e.g. 10m, 1g; negative: at most).' })),
  recurse: Type.Boolean({ description: 'Search the directories under the paths too.', default: false }),
  depth: Type.Optional(Type.Integer({ description: 'With recurse: how many levels down (1: the paths\' own entries).' })),
  hidden: Type.Boolean({ description: 'Report names starting with a dot too.', default: false }),
  follow: Type.Boolean({ description: 'Walk into symlinked directories.', default: false }),
  get_checksum: Type.Boolean({ description: "Add each regular file's checksum (checksum_algorithm's).", default: false }),
  checksum_algorithm: Type.Optional(choice(ALGORITHMS, { description: 'The algorithm of checksum (Ansible 2.15+); default sha1.' })),
  checksum: aliasOf('checksum_algorithm', Type.Optional(choice(ALGORITHMS, { description: 'Alias of checksum_algorithm.' }))),
  checksum_algo: aliasOf('checksum_algorithm', Type.Optional(choice(ALGORITHMS, { description: 'Alias of checksum_algorithm.' }))),
  use_regex: Type.Boolean({ description: 'patterns and excludes are Python regexes matched from the start of the name.', default: false }),
});

type Params = Static<typeof params>;

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const SIZES: Readonly<Record<string, number>> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

function amount(text: string | undefined, units: Readonly<Record<string, number>>, re: RegExp): number | undefined | null {
  if (text === undefined) return undefined;
  const m = re.exec(text.toLowerCase());
  return m === null ? null : Number(m[1]) * (units[m[2] ?? ''] ?? 1);
}

function pathsOf(p: Params): string[] {
  return [...(p.paths ?? p.name ?? p.path ?? [])].flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
}

/** The shell for one top directory: its tree (base64 of NUL-ended records), and, asked for, the contents check and the sums. */
function treeCommand(top: string, p: Params): string {
  const depth = p.recurse ? (p.depth !== undefined && p.depth > 0 ? ` -maxdepth ${p.depth + 1}` : '') : ' -maxdepth 1';
  const find = `find ${p.follow ? '-L ' : ''}${sh`${top}`} -mindepth 1${depth}`;
  const lines = [`${sh`test -d ${top}`} || { echo notdir; exit 0; }`, `echo tree; ${find} -printf ${quote(FIND_FORMAT)} 2>/dev/null | base64 -w0; echo`];
  if (p.contains !== undefined) {
    const pattern = p.read_whole_file ? p.contains : `^(?:${p.contains})`;
    lines.push(`echo contains; ${find} -type f -exec grep -lZ${p.read_whole_file ? 'z' : ''}P -e ${quote(pattern)} -- {} + 2>/dev/null | base64 -w0; echo`);
  }
  if (p.get_checksum) {
    const sum = `${p.checksum_algorithm ?? p.checksum ?? p.checksum_algo ?? 'sha1'}sum`;
    lines.push(`echo sums; ${find} -type f -exec sh -c 'for f; do printf "%s %s\\0" "$(${sum} < "$f" | cut -d" " -f1)" "$f"; done' sh {} + 2>/dev/null | base64 -w0; echo`);
  }
  return lines.join('\n');
}

/** The sections treeCommand printed, decoded. */
function sections(out: string): Map<string, string> {
  const map = new Map<string, string>();
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const label = lines[i] ?? '';
    if (label === 'notdir') map.set('notdir', '');
    else if (['tree', 'contains', 'sums'].includes(label)) map.set(label, Buffer.from(lines[++i] ?? '', 'base64').toString('utf8'));
  }
  return map;
}

export const findModule = defineModule({
  name: 'find',
  short: 'List the files, directories or links under some paths that match patterns, age, size or contents',
  params,
  requiredOneOf: [['paths', 'name', 'path']],
  mutuallyExclusive: [
    ['paths', 'name', 'path'],
    ['checksum_algorithm', 'checksum', 'checksum_algo'],
  ],
  checkMode: 'plan',
  examples: `- name: The repository files
  find:
    paths: /etc/yum.repos.d
    patterns: "*.repo"
  register: repos

- debug:
    msg: "{{ repos.files | map(attribute='path') | list }}"
`,
  probe(p) {
    return Object.fromEntries(pathsOf(p).map((top, i) => [`path${i}`, treeCommand(top, p)]));
  },
  plan(p, observed) {
    const age = amount(p.age, UNITS, /^(-?\d+)(s|m|h|d|w)?$/);
    if (age === null) return { kind: 'fail', msg: 'failed to process age', data: { age: p.age } };
    const size = amount(p.size, SIZES, /^(-?\d+)(b|k|m|g|t)?$/);
    if (size === null) return { kind: 'fail', msg: 'failed to process size', data: { size: p.size } };
    const patterns = (p.pattern ?? p.patterns).length > 0 ? (p.pattern ?? p.patterns) : [p.use_regex ? '.*' : '*'];
    const filter: FindFilter = { patterns, excludes: p.excludes ?? p.exclude ?? [], useRegex: p.use_regex, fileType: p.file_type, hidden: p.hidden, depth: p.depth, recurse: p.recurse, follow: p.follow, age, ageStamp: p.age_stamp, size };
    const now = Date.now() / 1000;
    const files: Record<string, unknown>[] = [];
    const skipped: Record<string, string> = {};
    let examined = 0;
    pathsOf(p).forEach((top, i) => {
      const found = collect(top, observed, `path${i}`, filter, now, p);
      if ('skipped' in found) skipped[top] = found.skipped;
      else {
        files.push(...found.files);
        examined += found.looked;
      }
    });
    const msg = Object.keys(skipped).length > 0 ? 'Not all paths examined, check warnings for details' : 'All paths examined';
    return { kind: 'ok', reason: `${files.length} matched of ${examined} examined`, data: { files, matched: files.length, examined, skipped_paths: skipped, msg } };
  },
});

function collect(top: string, observed: Observed, key: string, filter: FindFilter, now: number, p: Params): { files: Record<string, unknown>[]; looked: number } | { skipped: string } {
  const out = observed[key];
  const s = sections(out?.stdout ?? '');
  if (s.has('notdir') || !s.has('tree')) return { skipped: `'${top}' is not a directory` };
  // find(1) prints a trailing slash of the top as given; Ansible's paths are normalised
  const norm = (x: string): string => x.replace(/\/{2,}/g, '/');
  const entries: Entry[] = parseEntries(s.get('tree') ?? '').map((e) => ({ ...e, path: norm(e.path) }));
  const containing = new Set((s.get('contains') ?? '').split('\0').filter((x) => x !== '').map(norm));
  // each record is 'HEXDIGEST PATH' (the digest's length depends on the algorithm)
  const sums = new Map(
    (s.get('sums') ?? '')
      .split('\0')
      .map((x) => /^([0-9a-f]+) (.+)$/s.exec(x))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [norm(m[2] ?? ''), m[1] ?? ''] as const),
  );
  const { matched, looked } = walk(top, entries, filter, now, (path) => p.contains === undefined || containing.has(path));
  const files = matched.map((e) => ({ ...statDict(e), ...(p.get_checksum && e.type === 'f' && sums.has(e.path) ? { checksum: sums.get(e.path) } : {}) }));
  return { files, looked };
}
