// slurp: a host file's content, base64-encoded, in the result (read-only; Ansible's messages for a missing, unreadable or directory source).
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { aliasOf } from './common/schema.js';

const params = Type.Object({
  src: Type.Optional(Type.String({ description: 'The file on the host to fetch. This must be a file, not a directory.' })),
  path: aliasOf('src', Type.Optional(Type.String({ description: 'Alias of src.' }))),
});

/** the reason first (one word on the first line), then the base64 text: one probe, one process when all is well */
function readCommand(src: string): string {
  return `if ${sh`test -d ${src}`}; then echo isdir; elif ! ${sh`test -e ${src}`}; then echo missing; elif ! ${sh`test -r ${src}`}; then echo unreadable; else echo content && ${sh`base64 -w0 -- ${src}`}; fi`;
}

const MESSAGES: Readonly<Record<string, string>> = {
  isdir: 'source is a directory and must be a file',
  missing: 'file not found',
  unreadable: 'file is not readable',
};

export const slurpModule = defineModule({
  name: 'slurp',
  short: 'Slurps a file from remote nodes',
  params,
  mutuallyExclusive: [['src', 'path']],
  requiredOneOf: [['src', 'path']],
  checkMode: 'plan',
  examples: `- name: Read the SSH host key
  slurp:
    src: /etc/ssh/ssh_host_ed25519_key.pub
  register: key
- debug: { msg: "{{ key.content | b64decode }}" }
`,
  probe: (p) => ({ read: readCommand(p.src ?? p.path ?? '') }),
  plan(p, observed) {
    const src = p.src ?? p.path ?? '';
    const out = observed.read;
    const [head = '', ...rest] = (out?.stdout ?? '').split('\n');
    const known = MESSAGES[head];
    if (known !== undefined) return { kind: 'fail', msg: `${known}: ${src}` };
    if (head !== 'content' || out?.code !== 0) return { kind: 'fail', msg: `unable to slurp file: ${(out?.stderr ?? '').trim()}` };
    return { kind: 'ok', reason: `read ${src}`, data: { content: rest.join('').trim(), source: src, encoding: 'base64' } };
  },
});
