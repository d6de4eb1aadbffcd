// apt_key: a key in apt's trusted keys (apt-key), present or absent, as Ansible's apt_key decides: the key's id
// given, or read with gpg from the key (inline data, a file on the host, or a URL the host downloads), compared
// with `apt-key adv --list-public-keys`; added with apt-key add (or received from a keyserver), removed with
// apt-key del, and listed again to confirm.
import { Type } from '@sinclair/typebox';
import { quote, sh, shellJoin } from '../engine/core/quote.js';
import { defineModule, type Plan, type Step } from './contract.js';
import { ansibleGet, HTTP_RUN, httpRunInline, requestInput, requestProblem } from './common/http-request.js';
import { choice } from './common/schema.js';

const params = Type.Object({
  id: Type.Optional(Type.String({ description: 'The key id (8, 16 or more hex digits, 0x allowed); read from the key when omitted.' })),
  url: Type.Optional(Type.String({ description: 'A URL the host downloads the key from.' })),
  data: Type.Optional(Type.String({ description: 'The key itself (armored).' })),
  file: Type.Optional(Type.String({ description: 'A key file on the host.' })),
  keyserver: Type.Optional(Type.String({ description: 'A keyserver to receive the key (id) from.' })),
  keyring: Type.Optional(Type.String({ description: 'A keyring file of its own (apt-key --keyring).' })),
  validate_certs: Type.Boolean({ description: 'Verify the HTTPS certificate of url.', default: true }),
  state: choice(['absent', 'present'], { description: 'present adds the key, absent removes it.', default: 'present' }),
});

/** Ansible's parse_output_for_keys: pub/sub lines not expired, the id after `/` (apt-key) or in field 5 (gpg's colons). */
export function keysIn(output: string, short = false): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    if (!(line.startsWith('pub') || line.startsWith('sub')) || line.includes('expired')) continue;
    const code = line.split(/\s+/)[1]?.split('/');
    if (code !== undefined && code.length === 2 && code[1] !== undefined) found.push(code[1]);
    else {
      const colon = line.split(':')[4];
      if (colon !== undefined) found.push(colon);
    }
  }
  return short ? found.map((k) => k.slice(-8)) : found;
}

/** Ansible's parse_key_id: [short id, fingerprint (last 16), key id], or undefined when it is not a key id. */
export function keyIds(keyId: string): readonly [string, string, string] | undefined {
  let id = keyId.toUpperCase();
  if (id.startsWith('0X')) id = id.slice(2);
  if (!/^[0-9A-F]+$/.test(id)) return undefined;
  if (id.length !== 8 && id.length !== 16 && id.length <= 16) return undefined;
  return [id.slice(-8), id.length > 16 ? id.slice(-16) : id, id];
}

export const aptKeyModule = defineModule({
  name: 'apt_key',
  short: 'Add or remove a key of apt\'s trusted keys (apt-key), from inline data, a file, a URL or a keyserver',
  params,
  mutuallyExclusive: [['data', 'file', 'keyserver', 'url']],
  examples: `- name: The repository's signing key
  apt_key:
    url: https://repo.example.com/key.asc
    id: 0123456789ABCDEF0123456789ABCDEF01234567
`,
  probe(p) {
    const list = `apt-key ${p.keyring === undefined ? '' : sh`--keyring ${p.keyring} `}adv --list-public-keys --keyid-format=long`;
    const probes: Record<string, string> = {
      bins: 'for b in apt-key gpg; do command -v "$b" >/dev/null 2>&1 || echo "$b"; done',
      keys: `${list} 2>&1`,
    };
    // the key's id, read from the key, when the task does not give it (keyserver needs one)
    if (p.id === undefined && p.keyserver === undefined) {
      if (p.file !== undefined) probes.key = sh`gpg --with-colons ${p.file}`;
      else if (p.data !== undefined) probes.key = sh`printf '%s' ${p.data} | gpg --with-colons -`;
      else if (p.url !== undefined && requestProblem(ansibleGet(p.url, p.validate_certs)) === undefined) {
        probes.key = httpRunInline(ansibleGet(p.url, p.validate_certs), ['[ "$rc" = 0 ] && read code rest < "$d/w" && [ "$code" = 200 ] || exit 3', 'gpg --with-colons "$d/body"']);
      }
    }
    return probes;
  },
  plan(p, observed): Plan {
    const missing = (observed.bins?.stdout ?? '').trim().split('\n')[0] ?? '';
    if (missing !== '') return { kind: 'fail', msg: `Failed to find required executable "${missing}" in paths: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` };
    let keyId = p.id;
    if (keyId === undefined) {
      if (p.keyserver !== undefined) return { kind: 'fail', msg: 'Missing key_id, required with keyserver.' };
      const key = observed.key;
      if (p.url !== undefined && key?.code === 3) return { kind: 'fail', msg: `Failed to download key at ${p.url}` };
      if (key === undefined || key.code !== 0) {
        if (p.url !== undefined) return { kind: 'fail', msg: `error getting key id from url: ${p.url}` };
        return { kind: 'fail', msg: `Unable to extract key from '${p.data !== undefined ? 'inline data' : (p.file ?? '')}'` };
      }
      keyId = keysIn(key.stdout)[0];
    }
    const ids = keyId === undefined ? undefined : keyIds(keyId);
    if (ids === undefined) return { kind: 'fail', msg: 'Invalid key_id', data: { id: keyId ?? null } };
    const [shortId, fingerprint, fullId] = ids;
    const short = fullId.length === 8;
    const listing = observed.keys;
    if (listing === undefined || listing.code !== 0) return { kind: 'fail', msg: 'Unable to list public keys' };
    const before = keysIn(listing.stdout, short);
    const data = { id: keyId, short_id: shortId, fp: fingerprint, key_id: fullId, before };
    const has = (keys: readonly string[]): boolean => keys.includes(short ? shortId : fingerprint);
    const ring = p.keyring === undefined ? [] : ['--keyring', p.keyring];
    // listed again after the change: finish checks the key is (or is no longer) there, as Ansible does
    const check = p.state === 'absent' ? `gone ${fingerprint}` : `want ${short ? shortId : fingerprint}${short ? ' short' : ''}`;
    const listAgain = `echo "### ${check}"; ${shellJoin(['apt-key', ...ring, 'adv', '--list-public-keys', '--keyid-format=long'])} 2>&1`;
    if (p.state === 'absent') {
      if (!before.includes(fingerprint)) return { kind: 'ok', reason: `key ${fullId} is not present`, data };
      const step: Step = { cmd: `${shellJoin(['apt-key', ...ring, 'del', shortId])} || exit $?\n${listAgain}`, describe: `remove key ${shortId}` };
      return { kind: 'change', summary: `remove key ${fullId}`, steps: [step], data };
    }
    if (has(before)) return { kind: 'ok', reason: `key ${fullId} is present`, data };
    const add = shellJoin(['apt-key', ...ring, 'add']);
    let step: Step;
    if (p.file !== undefined) step = { cmd: `${add} ${quote(p.file)} || exit $?\n${listAgain}`, describe: `add key ${p.file}` };
    else if (p.keyserver !== undefined) {
      const recv = shellJoin(['apt-key', ...ring, 'adv', '--no-tty', '--keyserver', p.keyserver, '--recv', fullId]);
      step = { cmd: `for i in 1 2 3 4 5; do ${recv} && break; done || exit $?\n${listAgain}`, describe: `receive key ${fullId} from ${p.keyserver}` };
    } else if (p.data !== undefined) step = { cmd: `${add} - || exit $?\n${listAgain}`, stdin: p.data, describe: 'add the key given' };
    else if (p.url !== undefined) {
      const req = ansibleGet(p.url, p.validate_certs);
      const problem = requestProblem(req);
      if (problem !== undefined) return { kind: 'fail', msg: problem };
      const fetch = [HTTP_RUN, '[ "$rc" = 0 ] && read code rest < "$d/w" && [ "$code" = 200 ] || { echo "### nofetch"; exit 0; }', `${add} "$d/body" || exit $?`, listAgain].join('\n');
      step = { cmd: fetch, stdin: requestInput(req), describe: `add the key from ${p.url}` };
    } else return { kind: 'fail', msg: 'No key to add ... how did i get here?!?!', data };
    return { kind: 'change', summary: `add key ${fullId}`, steps: [step], data };
  },
  finish(p, outputs) {
    const out = outputs[0];
    if (out === undefined) return {};
    if (out.stdout.includes('### nofetch')) return { failed: `Failed to download key at ${p.url ?? ''}` };
    if (out.code !== 0) return { failed: p.state === 'absent' ? 'error removing key_id' : 'Unable to add a key', data: { rc: out.code, stdout: out.stdout, stderr: out.stderr } };
    const m = /^### (want|gone) ([0-9A-F]+)( short)?\n([\s\S]*)$/m.exec(out.stdout);
    if (m === null) return { failed: 'apt-key printed no listing after the change' };
    const [, verb = '', id = '', short, listing = ''] = m;
    const after = keysIn(listing, short !== undefined);
    const NO_ERROR = 'apt-key did not return an error, but %s (check that the id is correct and *not* a subkey)';
    if (verb === 'want' && !after.includes(id)) return { failed: NO_ERROR.replace('%s', 'failed to add the key'), data: { after } };
    if (verb === 'gone' && after.includes(id)) return { failed: NO_ERROR.replace('%s', 'the key was not removed'), data: { after } };
    return { changed: true, data: { after } };
  },
});
