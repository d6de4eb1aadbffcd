// rpm_key: import or remove a GPG key in the host's rpm database; whether it is there is decided by its key id, read with the host's gpg as Ansible's rpm_key does.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule, type Plan, type ProbeOutput } from './contract.js';
import { ansibleGet, httpRunInline, parseCurl, requestProblem, type HttpRequest } from './common/http-request.js';
import { choice } from './common/schema.js';

const params = Type.Object({
  key: Type.String({ description: 'The key: a URL (fetched by the host), a path of a key file on the host, or a key id (0x then 8 or 16 hex digits; enough to remove a key).' }),
  state: choice(['present', 'absent'], { description: 'present imports the key unless a key with its id is there; absent removes it.', default: 'present' }),
  fingerprint: Type.Optional(Type.String({ description: "The key's fingerprint (spaces allowed): a key that does not have it is refused before it is imported." })),
  validate_certs: Type.Boolean({ description: 'Verify the HTTPS certificate of a key URL.', default: true }),
});

const GPG = `g=$(command -v gpg) || g=$(command -v gpg2) || { echo 'missing gpg'; exit 0; }`;
const GPG_LIST = '"$g" --no-tty --batch --with-colons --fixed-list-mode --with-fingerprint';

/** The installed keys as gpg lists them (Ansible: rpm -q gpg-pubkey --qf "%{description}" | gpg ... -). */
const INSTALLED = [
  `command -v rpm >/dev/null 2>&1 || { echo 'missing rpm'; exit 0; }`,
  GPG,
  'rpm -q gpg-pubkey >/dev/null 2>&1 || exit 0',
  `rpm -q gpg-pubkey --qf '%{description}' | "$g" --no-tty --batch --with-colons --fixed-list-mode -`,
].join('\n');

type KeySource = { readonly kind: 'url' | 'file'; readonly at: string } | { readonly kind: 'id'; readonly id: string };

/** Ansible's order: a URL, else anything that starts like a key id, else a file on the host. */
function sourceOf(key: string): KeySource {
  if (key.includes('://')) return { kind: 'url', at: key };
  if (/^(0x)?[0-9a-f]{8}/i.test(key)) return { kind: 'id', id: key };
  return { kind: 'file', at: key };
}

function request(p: { key: string; validate_certs: boolean }): HttpRequest {
  return ansibleGet(p.key, p.validate_certs);
}

/** The key file fetched (URL) or read (path) on the host: its bytes as base64, then gpg's listing of it. */
function keyProbe(source: KeySource, p: { key: string; validate_certs: boolean }): string | undefined {
  const show = ['echo "### gpg"', `${GPG_LIST} - < "$f"; echo "### rc $?"`, 'echo "### body"', 'base64 -w0 < "$f"'];
  if (source.kind === 'file') return [GPG, sh`f=${source.at}`, 'test -f "$f" || { echo nofile; exit 0; }', ...show].join('\n');
  if (source.kind === 'id') return undefined;
  return [GPG, httpRunInline(request(p), ['[ "$rc" = 0 ] || exit 0', `echo "status $(head -n 1 "$d/head" | tr -d '\\r')"`, 'f="$d/body"', ...show])].join('\n');
}

/** Ansible's normalize_keyid: trimmed, upper-case, no 0x. */
function normalize(id: string): string {
  return id.trim().toUpperCase().replace(/^0X/, '');
}

const field = (line: string, n: number): string => line.split(':')[n] ?? '';

interface KeyFile {
  readonly id: string;
  readonly fingerprint: string;
  readonly bytes: Buffer;
}

/** The fetched or read key, or why it cannot be used (Ansible's messages). */
function readKey(source: KeySource, out: ProbeOutput | undefined): KeyFile | string {
  const text = out?.stdout ?? '';
  if (text.startsWith('missing ')) return `Failed to find required executable ${text.slice(8).trim()}`;
  if (source.kind === 'file' && text.startsWith('nofile')) return `Not a valid key ${source.at}`;
  if (source.kind === 'url') {
    const r = parseCurl(text);
    if (r.rc !== 0) return `failed to fetch key at ${source.at} , error was: Request failed: <urlopen error ${r.error || `fetcher exit code ${r.rc}`}>`;
    const reason = (r.lines.get('status') ?? '').replace(/^HTTP\/[\d.]+\s+\d+\s*/, '');
    if (r.status !== 200) return `failed to fetch key at ${source.at} , error was: HTTP Error ${r.status}: ${reason}`;
  }
  const gpgAt = text.indexOf('### gpg\n');
  const rcAt = text.indexOf('### rc ');
  const bodyAt = text.indexOf('### body\n');
  if (gpgAt < 0 || rcAt < 0 || bodyAt < 0) return `could not read the key ${source.kind === 'id' ? source.id : source.at}: ${out?.stderr.trim() ?? ''}`;
  const bytes = Buffer.from(text.slice(bodyAt + 9).trim(), 'base64');
  if (source.kind === 'url' && !/-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]*?-----END PGP PUBLIC KEY BLOCK-----/.test(bytes.toString('latin1'))) return `Not a public key: ${source.at}`;
  if (Number.parseInt(text.slice(rcAt + 7), 10) !== 0) return out?.stderr.trim() || 'gpg could not read the key';
  const lines = text.slice(gpgAt + 8, rcAt).split('\n').map((l) => l.trim());
  const pub = lines.find((l) => l.startsWith('pub:'));
  const fpr = lines.find((l) => l.startsWith('fpr:'));
  if (pub === undefined || fpr === undefined) return 'Unexpected gpg output';
  return { id: field(pub, 4), fingerprint: field(fpr, 9), bytes };
}

/** Ansible's is_key_imported: the id is part of the key-id field of some line gpg printed for the installed keys. */
function imported(out: ProbeOutput | undefined, id: string): boolean | string {
  const text = out?.stdout ?? '';
  if (text.startsWith('missing ')) return `Failed to find required executable ${text.slice(8).trim()}`;
  if (out !== undefined && out.code !== 0) return out.stderr.trim() || `listing the installed keys failed (exit code ${out.code})`;
  return text.split('\n').some((line) => field(line, 4).includes(id));
}

export const rpmKeyModule = defineModule({
  name: 'rpm_key',
  short: "Adds or removes a GPG key in the host's rpm database",
  params,
  checkMode: 'plan',
  examples: `- name: Import the EPEL key from a URL
  rpm_key:
    key: https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-8
    fingerprint: 94E2 79EB 8D8F 25B2 1810 ADF1 21EA 4578 2C2C E1A6

- name: Remove a key by its id
  rpm_key: { key: 0x2F86D6A1, state: absent }
`,
  probe(p): Record<string, string> {
    const key = keyProbe(sourceOf(p.key), p);
    return key === undefined ? { installed: INSTALLED } : { installed: INSTALLED, key };
  },
  plan(p, observed): Plan {
    const source = sourceOf(p.key);
    if (source.kind === 'url') {
      const problem = requestProblem(request(p));
      if (problem !== undefined) return { kind: 'fail', msg: problem };
    }
    const file = source.kind === 'id' ? undefined : readKey(source, observed.key);
    if (typeof file === 'string') return { kind: 'fail', msg: file };
    const id = normalize(file?.id ?? (source.kind === 'id' ? source.id : ''));
    const have = imported(observed.installed, id);
    if (typeof have === 'string') return { kind: 'fail', msg: have };
    if (p.state === 'absent') {
      if (!have) return { kind: 'ok', reason: `no key ${id} is imported` };
      const name = `gpg-pubkey-${id.slice(-8).toLowerCase()}`;
      return { kind: 'change', summary: `remove key ${id}`, steps: [{ cmd: sh`rpm --erase --allmatches ${name}`, describe: `remove ${name}` }] };
    }
    if (have) return { kind: 'ok', reason: `key ${id} is imported` };
    if (file === undefined) return { kind: 'fail', msg: 'When importing a key, a valid file must be given' };
    const wanted = p.fingerprint?.replaceAll(' ', '').toUpperCase();
    if (wanted !== undefined && wanted !== '' && wanted !== file.fingerprint) {
      return { kind: 'fail', msg: `The specified fingerprint, '${wanted}', does not match the key fingerprint '${file.fingerprint}'` };
    }
    // the very bytes the probe looked at are imported, through a temp file (rpm --import reads files)
    const cmd = ['set -e', 't=$(mktemp)', `trap 'rm -f "$t"' EXIT`, 'cat > "$t"', 'rpm --import "$t"'].join('\n');
    return { kind: 'change', summary: `import key ${id}`, steps: [{ cmd, stdin: file.bytes, describe: `import key ${id} from ${p.key}` }] };
  },
});
