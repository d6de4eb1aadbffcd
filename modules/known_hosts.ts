// known_hosts: a host's key in a known_hosts file (ansible.builtin.known_hosts). The host is looked up with the
// host's own `ssh-keygen -F` (hashed entries, [host]:port and patterns match as OpenSSH matches them), in the probe.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { editedText, hashHostField, searchHostKey } from './support/known-hosts-search.js';
import { replaceFileStep } from './support/replace-file.js';

const params = Type.Object({
  name: Type.Optional(operand('The host to add or remove (a name, an address, or [host]:port); lowercased.')),
  host: Type.Optional(aliasOf('name', operand('Alias of name.'))),
  key: Type.Optional(Type.String({ description: 'The key line, as in known_hosts (its host field must match name). Required with state present.' })),
  path: Type.String({ description: 'The known_hosts file to edit (~ is the remote user\'s home).', default: '~/.ssh/known_hosts' }),
  hash_host: Type.Boolean({ description: 'Hash the host field of the key line as ssh-keygen -H does.', default: false }),
  state: choice(['present', 'absent'], { description: 'Whether the host (or this key of it) should be in the file.', default: 'present' }),
});

const SECTION = '### kplay known_hosts';

/** The file path as the host's shell should see it: a leading ~ is the remote user's home. */
function shellPath(path: string): string {
  if (path === '~') return '"$HOME"';
  return path.startsWith('~/') ? `"$HOME"/${sh`${path.slice(2)}`}` : sh`${path}`;
}

/** The probe's three parts: path and sanity count, ssh-keygen's lookup, the file (which may hold anything). */
function sections(stdout: string): [string, string, string] {
  const mark = `${SECTION}\n`;
  const a = stdout.indexOf(mark);
  const b = a < 0 ? -1 : stdout.indexOf(mark, a + mark.length);
  if (b < 0) return [stdout, '', ''];
  return [stdout.slice(0, a), stdout.slice(a + mark.length, b), stdout.slice(b + mark.length)];
}

export const knownHostsModule = defineModule({
  name: 'known_hosts',
  aliases: ['ansible.builtin.known_hosts', 'ansible.legacy.known_hosts'],
  short: 'Add or remove a host key in a known_hosts file',
  examples: `- name: Trust git.example.com's key
  known_hosts:
    name: git.example.com
    key: "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA..."
    path: /etc/ssh/ssh_known_hosts
`,
  params,
  requiredOneOf: [['name', 'host']],
  probe(p) {
    const host = (p.name ?? p.host ?? '').toLowerCase();
    const lines = [
      `p=${shellPath(p.path)}`,
      'printf \'%s\\n\' "$p"',
      // Ansible's sanity check: does ssh-keygen find the host in the key line alone?
      ...(p.key === undefined ? [] : [sh`k=$(mktemp) || exit 1; printf '%s\n' ${p.key} > "$k"; ssh-keygen -F ${host} -f "$k" | grep -v '^#' | grep -c . ; rm -f -- "$k"`]),
      sh`echo ${SECTION}`,
      sh`if [ -e "$p" ]; then ssh-keygen -F ${host} -f "$p"; echo ${SECTION}; cat -- "$p"; else echo ${SECTION}; echo ${SECTION} missing; fi`,
    ];
    return { lookup: lines.join('\n') };
  },
  plan(p, observed, ctx) {
    const out = observed.lookup;
    const host = (p.name ?? p.host ?? '').toLowerCase();
    if (out === undefined || out.code !== 0) return { kind: 'fail', msg: `looking up ${host} failed: ${out?.stderr.trim() ?? ''}` };
    if (p.key === undefined && p.state === 'present') return { kind: 'fail', msg: 'No key specified when adding a host' };
    const [head = '', lookup = '', text = ''] = sections(out.stdout);
    const [path = p.path, sane] = head.split('\n');
    if (p.key !== undefined && /\S+(\s+)?,(\s+)?/.test(host)) {
      return { kind: 'fail', msg: 'Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.' };
    }
    if (p.key !== undefined && sane === '0') return { kind: 'fail', msg: 'Host parameter does not match hashed host field in supplied key' };
    const missing = text === `${SECTION} missing\n`;
    const before = missing ? '' : text;
    let key = p.key === undefined ? undefined : p.hash_host ? hashHostField(host, p.key) : p.key;
    if (key !== undefined && !key.endsWith('\n')) key += '\n';
    const search = missing ? { found: false, replaceOrAdd: false, foundLine: undefined } : searchHostKey(lookup, key);
    const present = p.state === 'present';
    const data = { name: host, key: p.key, path: p.path, hash_host: p.hash_host, state: p.state };
    const change = !(p.state === 'absent' && search.foundLine === undefined && key !== undefined) && (search.replaceOrAdd || search.found !== present);
    if (!change) return { kind: 'ok', reason: present ? `${path} has the key of ${host}` : `${path} has no ${key === undefined ? 'key' : 'such key'} of ${host}`, data };
    const after = editedText(before, search, present, key);
    const steps: Step[] = key === undefined
      ? [{ cmd: sh`ssh-keygen -R ${host} -f ${path}`, describe: `remove ${host} from ${path}` }]
      : [replaceFileStep(path, after)];
    const summary = present ? `${search.found ? 'replace' : 'add'} the key of ${host} in ${path}` : `remove ${host}'s key from ${path}`;
    return { kind: 'change', summary, steps, data, ...(ctx.diff ? { diff: { path, before, after: key === undefined ? before : after } } : {}) };
  },
});
