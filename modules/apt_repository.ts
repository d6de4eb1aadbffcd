// apt_repository: add or remove a one-line `deb` source in sources.list(.d), re-rendering the files as Ansible's
// SourcesList does (normalised lines, a disabled copy re-enabled in place), then apt-get update (reverted on failure).
import { posix } from 'node:path';
import { Type } from '@sinclair/typebox';
import { quote, sh } from '../engine/core/quote.js';
import { defineModule, type FileDiff, type Plan } from './contract.js';
import { checkMode as modeProblem } from './common/attrs.js';
import { modeParam } from './common/file-params.js';
import { aliasOf, choice } from './common/schema.js';

const params = Type.Object({
  repo: Type.String({ description: "A source line: 'deb [options] URI SUITE [COMPONENT...]' (or deb-src)." }),
  state: choice(['present', 'absent'], { description: 'present adds (or re-enables) the line; absent removes it everywhere.', default: 'present' }),
  mode: modeParam,
  update_cache: Type.Boolean({ description: 'Run apt-get update after a change (the change is reverted when it fails).', default: true }),
  'update-cache': aliasOf('update_cache', Type.Optional(Type.Boolean({ description: 'Alias of update_cache.' }))),
  update_cache_retries: Type.Integer({ description: 'Attempts of apt-get update.', default: 5, minimum: 1 }),
  update_cache_retry_max_delay: Type.Integer({ description: 'The longest wait between attempts, in seconds: waits double from 1 up to it.', default: 12, minimum: 0 }),
  validate_certs: Type.Boolean({ description: 'Accepted (used by Ansible for PPA keys only).', default: true }),
  filename: Type.Optional(Type.String({ description: 'The file name in sources.list.d, without .list (default: from the URI).' })),
  codename: Type.Optional(Type.String({ description: 'Accepted (Ansible uses it for PPAs only).' })),
  install_python_apt: Type.Boolean({ description: 'Accepted (kplay does not need python3-apt on the host).', default: true }),
});

const LIST = '/etc/apt/sources.list';
const PARTS = '/etc/apt/sources.list.d';

interface Entry {
  readonly valid: boolean;
  readonly enabled: boolean;
  readonly source: string;
  readonly comment: string;
}

/** Ansible's SourcesList._parse of one line. */
function parseLine(raw: string): Entry {
  let line = raw.trim();
  let enabled = true;
  if (line.startsWith('#')) {
    enabled = false;
    line = line.slice(1);
  }
  let comment = '';
  const i = line.indexOf('#');
  if (i > 0) {
    comment = line.slice(i + 1).trim();
    line = line.slice(0, i);
  }
  let source = line.trim();
  let valid = false;
  const chunks = source.split(/\s+/).filter((c) => c !== '');
  if (source !== '' && (chunks[0] === 'deb' || chunks[0] === 'deb-src')) {
    valid = true;
    source = chunks.join(' ');
  }
  return { valid, enabled, source, comment };
}

function render(entries: readonly Entry[]): string {
  return entries.map((e) => `${e.enabled ? '' : '# '}${e.source}${e.comment ? ` # ${e.comment}` : ''}\n`).join('');
}

/** Ansible's _suggest_filename: options and schemes dropped, the first word (no user:password@), non-alphanumerics as _. */
function suggestFilename(source: string, filename: string | undefined): string {
  if (filename !== undefined) return `${filename}.list`;
  const line = source.replace(/\[[^\]]+\]/g, '').replace(/\w+:\/\//g, '');
  const parts = line.split(/\s+/).filter((p) => p !== '' && p !== 'deb' && p !== 'deb-src');
  const first = (parts[0] ?? '').split('@').at(-1) ?? '';
  return `${first.replace(/[^a-zA-Z0-9]/g, ' ').split(/\s+/).filter((w) => w !== '').join('_')}.list`;
}

/** The probe's `BASE64NAME BASE64CONTENT` lines -> file name -> content, sources.list first. */
function parseFiles(stdout: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name, content = ''] = line.split(' ');
    if (name) files.set(Buffer.from(name, 'base64').toString('utf8'), Buffer.from(content, 'base64').toString('utf8'));
  }
  return files;
}

const FILES_PROBE = `for f in ${LIST} ${PARTS}/*.list; do [ -f "$f" ] || continue; printf '%s %s\\n' "$(printf %s "$f" | base64 -w0)" "$(base64 -w0 < "$f")"; done`;

export const aptRepositoryModule = defineModule({
  name: 'apt_repository',
  short: 'Add and remove APT repositories (one-line sources in sources.list.d)',
  params,
  mutuallyExclusive: [['update_cache', 'update-cache']],
  checkMode: 'plan',
  examples: `- name: Add a repository, in sources.list.d/deb_example_com_debian.list
  apt_repository: { repo: "deb [signed-by=/usr/share/keyrings/x.gpg] https://deb.example.com/debian bookworm main" }

- name: Remove it
  apt_repository: { repo: "deb https://deb.example.com/debian bookworm main", state: absent }
`,
  probe: () => ({ files: FILES_PROBE }),
  plan(p, observed, ctx): Plan {
    if (p.repo.trim() === '') return { kind: 'fail', msg: "Please set argument 'repo' to a non-empty value" };
    if (p.repo.startsWith('ppa:')) return { kind: 'fail', msg: 'PPA repositories are for Ubuntu hosts: kplay supports deb lines only' };
    const bad = modeProblem(p.mode);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const wanted = parseLine(p.repo);
    if (!wanted.valid || !wanted.enabled) return { kind: 'fail', msg: `Invalid repository string: ${p.repo}` };
    const raw = parseFiles(observed.files?.stdout ?? '');
    const before = new Map([...raw].map(([f, text]) => [f, (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').filter((_l, i, all) => !(all.length === 1 && all[0] === '')).map(parseLine)]));
    const after = new Map([...before].map(([f, entries]) => [f, [...entries]]));
    const added = new Set<string>();
    if (p.state === 'present') {
      let found = false;
      for (const [f, entries] of after) {
        after.set(f, entries.map((e) => (e.valid && e.source === wanted.source ? ((found = true), { ...e, enabled: true }) : e)));
      }
      if (!found) {
        const file = posix.join(PARTS, suggestFilename(wanted.source, p.filename));
        if (!after.has(file)) added.add(file);
        after.set(file, [...(after.get(file) ?? []), { ...wanted, comment: '' }]);
      }
    } else {
      for (const [f, entries] of after) after.set(f, entries.filter((e) => !(e.valid && e.enabled && e.source === wanted.source)));
    }
    const dump = (m: Map<string, Entry[]>): Map<string, string> => new Map([...m].filter(([, e]) => e.length > 0).map(([f, e]) => [f, render(e)]));
    const [b, a] = [dump(before), dump(after)];
    const names = [...new Set([...b.keys(), ...a.keys()])];
    const data = { repo: p.repo, state: p.state };
    if (names.every((f) => b.get(f) === a.get(f))) return { kind: 'ok', reason: p.state === 'present' ? `${wanted.source} is enabled` : `${wanted.source} is not there`, data };
    const changedFiles = names.filter((f) => b.get(f) !== a.get(f));
    const diff: FileDiff | undefined = ctx.diff ? { path: changedFiles.join(', '), before: changedFiles.map((f) => b.get(f) ?? '').join(''), after: changedFiles.map((f) => a.get(f) ?? '').join('') } : undefined;
    const mode = p.mode === undefined ? undefined : typeof p.mode === 'number' ? `0${p.mode.toString(8)}` : p.mode;
    const cmd = saveScript(raw, a, added, mode, p.update_cache && p['update-cache'] !== false, { attempts: p.update_cache_retries, maxDelay: p.update_cache_retry_max_delay });
    const verb = p.state === 'present' ? `add ${wanted.source}` : `remove ${wanted.source}`;
    return { kind: 'change', summary: `${verb} (${changedFiles.join(', ')})`, steps: [{ cmd, describe: verb }], diff, data };
  },
});

/**
 * Ansible's save(): every loaded file re-rendered (written only where its text changes), emptied ones removed;
 * then apt-get update, and on its failure the files as they were. Contents travel as base64 words: never shell.
 */
function saveScript(raw: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, added: ReadonlySet<string>, mode: string | undefined, update: boolean, retry: { attempts: number; maxDelay: number }): string {
  const lines = ['w=$(mktemp -d) || exit 1', `trap 'rm -rf "$w"' EXIT`];
  const restore: string[] = [];
  let i = 0;
  for (const file of new Set([...raw.keys(), ...after.keys()])) {
    const text = after.get(file);
    const old = raw.get(file);
    if (text === old) continue;
    i++;
    if (old !== undefined) {
      lines.push(sh`cp -p -- ${file} "$w/${i}"` + ' || exit 1');
      restore.push(sh`cp -p -- "$w/${i}" ${file}`);
    } else {
      restore.push(sh`rm -f -- ${file}`);
    }
    if (text === undefined) {
      lines.push(sh`rm -f -- ${file}` + ' || exit 1');
      continue;
    }
    const dir = posix.dirname(file);
    lines.push(
      sh`mkdir -p -- ${dir} && t=$(mktemp -- ${posix.join(dir, `.${posix.basename(file)}-XXXXXXXX`)})` + ' || exit 1',
      `printf %s ${quote(Buffer.from(text, 'utf8').toString('base64'))} | base64 -d > "$t" || exit 1`,
      old !== undefined ? sh`chmod --reference=${file} "$t"` : 'chmod "$(printf %o $((0666 & ~$(umask))))" "$t"',
      old === undefined && added.has(file) && mode !== undefined ? `chmod -- ${quote(mode)} "$t"` : '',
      sh`mv -f -- "$t" ${file}` + ' || exit 1',
    );
  }
  if (update) {
    lines.push(
      // Ansible's backoff (1, 2, 4 ... seconds, at most update_cache_retry_max_delay), but no wait after the last attempt
      `ok=; k=0; d=1; while [ "$k" -lt ${Math.max(1, retry.attempts)} ]; do k=$((k + 1)); if apt-get update -q > "$w/out" 2>&1; then ok=1; break; fi; [ "$k" -lt ${Math.max(1, retry.attempts)} ] && sleep $((d < ${retry.maxDelay} ? d : ${retry.maxDelay})); d=$((d * 2)); done`,
      `[ -n "$ok" ] || { ${restore.join('; ')}; echo "Failed to update apt cache: $(grep '^E: ' "$w/out" | head -n 3 | tr '\\n' ' ')" >&2; exit 1; }`,
    );
  }
  return lines.filter((l) => l !== '').join('\n');
}
