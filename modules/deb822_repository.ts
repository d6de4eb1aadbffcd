// deb822_repository: an APT source in deb822 form, /etc/apt/sources.list.d/NAME.sources, as ansible-core 2.15/2.16's
// module writes it (the fields in the task's order, `Types` last when defaulted), with its signing key: a key file on
// the host, a key block inline, or a URL the host downloads into /etc/apt/keyrings/NAME.asc (or .gpg).
import { posix } from 'node:path';
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule, type Observed, type Plan, type PlanContext, type Step } from './contract.js';
import { checkMode as modeProblem, planAttrs } from './common/attrs.js';
import { ansibleGet, httpRunInline, parseCurl, requestProblem } from './common/http-request.js';
import { choice } from './common/schema.js';
import { parseStat, statCommand } from './common/stat.js';
import { planWrite, sha256, writeProbes } from './common/write-file.js';

const list = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));
const flag = (description: string) => Type.Optional(Type.Boolean({ description }));

// Only `types` has a default among the fields: as Ansible adds defaults after the given parameters, a defaulted
// `Types: deb` comes last in the file.
const params = Type.Object({
  name: Type.String({ description: 'The repository: X-Repolib-Name, and (lower case, spaces and _ as -, other characters dropped) the names of NAME.sources and the key file.' }),
  state: choice(['present', 'absent'], { description: 'present writes the file; absent removes it and keyrings/NAME.asc and NAME.gpg.', default: 'present' }),
  types: Type.Array(choice(['deb', 'deb-src'], { description: 'deb or deb-src' }), { description: 'Types: binary (deb) and/or source (deb-src) packages.', default: ['deb'] }),
  uris: list('URIs: the base of each archive.'),
  suites: list('Suites: release names (bookworm), or a path ending in / with no components.'),
  components: list('Components: the sections of the suites (main contrib).'),
  architectures: list('Architectures to fetch.'),
  signed_by: Type.Optional(
    Type.String({
      description:
        'Signed-By: a key file on the host (kept as its path), a URL the host downloads into /etc/apt/keyrings/NAME.asc (armored) or NAME.gpg, or anything else as it is (fingerprints, an armored key block written into the file).',
    }),
  ),
  enabled: flag('Enabled: whether APT uses the source.'),
  trusted: flag('Trusted: no signature needed.'),
  allow_insecure: flag('Allow-Insecure: an unsigned repository.'),
  allow_weak: flag('Allow-Weak: a signature with a weak digest.'),
  allow_downgrade_to_insecure: flag('Allow-Downgrade-To-Insecure: a package once signed may be installed unsigned.'),
  by_hash: flag('By-Hash: index files by their hash.'),
  check_date: flag("Check-Date: trust the machine's clock for the Release file's dates."),
  check_valid_until: flag('Check-Valid-Until: refuse an expired Release file.'),
  date_max_future: Type.Optional(Type.Integer({ description: 'Date-Max-Future: how far in the future the Release date may be, in seconds.' })),
  inrelease_path: Type.Optional(Type.String({ description: 'InRelease-Path (written Inrelease-Path, as Ansible does): the InRelease file relative to its usual place.' })),
  languages: list('Languages of the translated descriptions.'),
  pdiffs: flag('PDiffs: update indexes by patches.'),
  targets: list('Targets: the download targets to fetch.'),
  include: list('Include: only these packages from the source (apt 3.1; ansible-core 2.21).'),
  exclude: list('Exclude: not these packages from the source (apt 3.1; ansible-core 2.21).'),
  mode: Type.Union([Type.String(), Type.Integer()], { description: "The mode of the .sources file, set when it differs ('0644', or symbolic).", default: '0644' }),
  install_python_debian: Type.Boolean({ description: 'Accepted (ansible-core 2.20): kplay needs no python3-debian on the host.', default: false }),
});

const SOURCES_DIR = '/etc/apt/sources.list.d';
const KEYRINGS = '/etc/apt/keyrings';
/** the parameters that are no field of the file */
const NOT_FIELDS = new Set(['state', 'mode', 'install_python_debian']);
const ARMOR = '-----BEGIN PGP PUBLIC KEY BLOCK-----';

// Python's str.isspace characters: what strip(), split and \s mean in the module
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
// built from text: these are the characters Python breaks lines at and lstrips from a URL, control characters included
const LINE_BREAK = new RegExp(`\\r\\n|[\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]`, 'u');
const C0_OR_SPACE = new RegExp(`^[\\x00-\\x20]+`);
const pyStrip = (s: string): string => s.replace(new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu'), '');
/** Python's str.splitlines() */
const splitLines = (s: string): string[] => {
  const lines = s.split(LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** The name's slug: lower case, runs of _ and spaces as -, everything else but [a-z0-9-] dropped. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(new RegExp(`[_${PY_SPACE}]+`, 'gu'), '-')
    .replace(/[^a-z0-9-]+/g, '');
}

/** X-Repolib-Name, URIs, else the parameter title-cased at every non-letter, as Python's str.title(). */
export function fieldName(param: string): string {
  if (param === 'name') return 'X-Repolib-Name';
  if (param === 'uris') return 'URIs';
  return param.replaceAll('_', '-').replace(/[a-z]+/gi, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

/** A value of several lines: each line stripped (an empty one as "."), indented by four spaces on its own lines. */
function multiline(value: string): string {
  const lines = splitLines(pyStrip(value)).map((l) => pyStrip(l) || '.');
  return `\n${lines.map((l) => `    ${l}`).join('\n')}`;
}

/** A value as the module writes it: yes/no, numbers as text, lists joined by spaces. */
function fieldText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(String).join(' ');
  return String(value);
}

/** The file, as python-debian's Deb822.dump() writes the fields (no space after a colon before a new line or nothing). */
export function renderSources(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields
    .map(([name, raw]) => {
      const value = raw.includes('\n') ? multiline(raw) : raw;
      return value === '' || value.startsWith('\n') ? `${name}:${value}\n` : `${name}: ${value}\n`;
    })
    .join('');
}

/** Python's urlparse scheme: letters, digits, + - . before a colon, starting with a letter (after C0 and spaces). */
function urlScheme(value: string): string {
  const url = value.replace(C0_OR_SPACE, '').replace(/[\t\r\n]/g, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return m?.[1]?.toLowerCase() ?? '';
}

/** Whether the host is asked if signed_by is a file: a text with no NUL or line break, short enough to be a path. */
const mayBeFile = (v: string): boolean => v !== '' && !/[\0\n]/.test(v) && Buffer.byteLength(v) < 4096;

const keyPath = (slug: string, ext: 'asc' | 'gpg'): string => posix.join(KEYRINGS, `${slug}.${ext}`);

/** writeProbes' names under a prefix, so that three files can be probed at once. */
function prefixed(prefix: string, probes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(probes).map(([k, v]) => [`${prefix}${k}`, v]));
}

function unprefixed(prefix: string, observed: Observed): Observed {
  return Object.fromEntries(Object.entries(observed).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

/** The words of the exception open_url raises, as str(exc): the fetcher prefixes fetch_url's own words. */
function fetchError(out: string): string {
  const r = parseCurl(out);
  if (r.rc === 0) {
    const status = (r.lines.get('status') ?? '').replace(/^HTTP\/[\d.]+\s+\d+\s*/, '');
    return `HTTP Error ${r.status}: ${status}`;
  }
  const msg = r.lines.get('msg') ?? r.error;
  return msg.replace(/^(Request failed|Connection failure|An unknown error occurred): /, '');
}

type KeyResolution =
  | { readonly kind: 'value'; readonly value: string; readonly keyFilename: string | null }
  | { readonly kind: 'download'; readonly body: Buffer }
  | { readonly kind: 'fail'; readonly msg: string };

/** What signed_by becomes: Ansible's write_signed_by_key, with the host's answers. */
function resolveKey(v: string, observed: Observed): KeyResolution {
  const out = observed.signed_by?.stdout ?? '';
  if (/^isfile$/m.test(out)) return { kind: 'value', value: v, keyFilename: v };
  if (urlScheme(v) === '') return { kind: 'value', value: v, keyFilename: null };
  const problem = requestProblem(ansibleGet(v, true));
  if (problem !== undefined) return { kind: 'fail', msg: `Could not fetch signed_by key: <urlopen error unknown url type: ${urlScheme(v)}>` };
  const r = parseCurl(out);
  if (r.rc !== 0 || r.status < 200 || r.status >= 300) return { kind: 'fail', msg: `Could not fetch signed_by key: ${fetchError(out)}` };
  const body = Buffer.from(r.lines.get('body') ?? '', 'base64');
  // an empty answer leaves the URL itself as Signed-By, as the module does
  if (body.length === 0) return { kind: 'value', value: v, keyFilename: v };
  return { kind: 'download', body };
}

function planAbsent(slug: string, observed: Observed): Plan {
  const paths = [posix.join(SOURCES_DIR, `${slug}.sources`), keyPath(slug, 'asc'), keyPath(slug, 'gpg')];
  const present = paths.filter((_p, i) => observed[`exists${i}`]?.code === 0);
  const data = { repo: null, dest: paths[0], key_filename: paths[2] };
  if (present.length === 0) return { kind: 'ok', reason: `${paths[0]} and its key files are not there`, data };
  const steps: Step[] = present.map((p) => ({ cmd: sh`rm -f -- ${p}`, describe: `remove ${p}` }));
  return { kind: 'change', summary: `remove ${present.join(', ')}`, steps, data };
}

/** Ansible's ensure_keyrings_dir: made 0755 when missing, else brought to root:root 0755. */
function keyringsSteps(observed: Observed): { steps: Step[]; changes: string[] } {
  const current = parseStat(observed.keyrings);
  if (current?.type === 'directory') {
    const a = planAttrs(KEYRINGS, { mode: '0755', owner: 'root', group: 'root' }, current, { isDir: true });
    return { steps: [...a.steps], changes: a.changes.map((c) => `${c} on ${KEYRINGS}`) };
  }
  const step = { cmd: sh`mkdir -m 0755 -- ${KEYRINGS} && chown root:root ${KEYRINGS}`, describe: `create ${KEYRINGS}` };
  return { steps: [step], changes: [`create ${KEYRINGS}`] };
}

export const deb822RepositoryModule = defineModule({
  name: 'deb822_repository',
  short: 'Add and remove deb822 APT sources (sources.list.d/NAME.sources) and their signing keys',
  params,
  mutuallyExclusive: [['include', 'exclude']],
  checkMode: 'plan',
  examples: `- name: Docker's repository, its key downloaded into /etc/apt/keyrings/docker.asc
  deb822_repository:
    name: docker
    types: deb
    uris: https://download.docker.com/linux/debian
    suites: "{{ ansible_distribution_release }}"
    components: stable
    architectures: amd64
    signed_by: https://download.docker.com/linux/debian/gpg

- name: Then read by apt
  apt: { update_cache: true }

- name: Removed again (with its key file)
  deb822_repository: { name: docker, state: absent }
`,
  probe(p, ctx: PlanContext) {
    const slug = slugOf(p.name);
    const sources = posix.join(SOURCES_DIR, `${slug}.sources`);
    const quiet: PlanContext = { ...ctx, diff: false };
    if (p.state === 'absent') {
      return Object.fromEntries([sources, keyPath(slug, 'asc'), keyPath(slug, 'gpg')].map((f, i) => [`exists${i}`, sh`test -e ${f}`]));
    }
    const probes: Record<string, string> = { ...writeProbes({ dest: sources }, quiet) };
    const v = p.signed_by;
    if (v !== undefined) {
      const isFile = mayBeFile(v) ? sh`test -f ${v}` : 'false';
      const req = ansibleGet(v, true);
      const fetch =
        urlScheme(v) !== '' && requestProblem(req) === undefined
          ? httpRunInline(req, ['[ "$rc" = 0 ] || exit 0', `echo "status $(head -n 1 "$d/head" | tr -d '\\r')"`, `printf 'body %s\\n' "$(base64 -w0 < "$d/body")"`])
          : 'true';
      probes.signed_by = `if ${isFile}; then echo isfile; else\n${fetch}\nfi`;
      if (urlScheme(v) !== '') {
        probes.keyrings = statCommand(KEYRINGS, true);
        for (const ext of ['asc', 'gpg'] as const) Object.assign(probes, prefixed(`${ext}_`, writeProbes({ dest: keyPath(slug, ext) }, quiet)));
      }
    }
    return probes;
  },
  plan(p, observed, ctx): Plan {
    const slug = slugOf(p.name);
    if (p.state === 'absent') return planAbsent(slug, observed);
    const bad = modeProblem(p.mode);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const sources = posix.join(SOURCES_DIR, `${slug}.sources`);
    const quiet: PlanContext = { ...ctx, diff: false };
    const steps: Step[] = [];
    const changes: string[] = [];
    let keyFilename: string | null = null;
    const fields: [string, string][] = [];
    for (const [param, value] of Object.entries(p)) {
      if (NOT_FIELDS.has(param) || value === undefined || value === null) continue;
      let text = fieldText(value);
      if (param === 'signed_by') {
        const key = resolveKey(text, observed);
        if (key.kind === 'fail') return { kind: 'fail', msg: key.msg, data: { dest: sources } };
        if (key.kind === 'value') {
          text = key.value;
          keyFilename = key.keyFilename;
        } else {
          const ext = key.body.includes(ARMOR) ? 'asc' : 'gpg';
          const file = keyPath(slug, ext);
          const kept = unprefixed(`${ext}_`, observed);
          const have = /^[0-9a-f]{64}/.exec(kept.dest_sum?.code === 0 ? kept.dest_sum.stdout : '')?.[0];
          if (have !== sha256(key.body)) {
            const dir = keyringsSteps(observed);
            steps.push(...dir.steps);
            changes.push(...dir.changes);
          }
          // the keyrings directory is there by the time the key is written (made by the step above when missing)
          const written = planWrite({ dest: file, mode: '0644' }, key.body, { ...kept, parent: { stdout: 'directory\n', stderr: '', code: 0 } }, quiet);
          if (written.kind === 'fail') return { ...written, data: { dest: sources } };
          if (written.kind === 'change') {
            steps.push(...written.steps);
            changes.push(written.summary);
          }
          text = file;
          keyFilename = file;
        }
      }
      fields.push([fieldName(param), text]);
    }
    const repo = renderSources(fields);
    const data = { repo, dest: sources, key_filename: keyFilename };
    const written = planWrite({ dest: sources, mode: p.mode }, repo, observed, quiet);
    if (written.kind === 'fail') return { ...written, data };
    if (written.kind === 'change') {
      steps.push(...written.steps);
      changes.push(written.summary);
    }
    if (steps.length === 0) return { kind: 'ok', reason: `${sources} is as wanted${keyFilename !== null && keyFilename.startsWith(KEYRINGS) ? `, and ${keyFilename}` : ''}`, data };
    return { kind: 'change', summary: changes.join('; '), steps, data };
  },
});
