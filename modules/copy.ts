// copy: put a file (from files/ beside the playbook, or inline content) on the host, only when it differs.
import { Type } from '@sinclair/typebox';
import { posix } from 'node:path';
import { errorMessage } from '../engine/core/errors.js';
import { defineModule } from './contract.js';
import { writtenFileParams } from './common/file-params.js';
import { finishWrite, planWrite, writeProbes, type WriteRequest } from './common/write-file.js';

const params = Type.Object({
  src: Type.Optional(Type.String({ description: 'A file on the controller, looked up in files/ beside the playbook or role (or a path). Use either src or content.' })),
  content: Type.Optional(Type.String({ description: 'The text to write, instead of src.' })),
  ...writtenFileParams,
  validate: Type.Optional(Type.String({ description: "A command that checks the new file before it replaces dest; %s stands for the file (e.g. 'visudo -cf %s')." })),
});

export const copyModule = defineModule({
  name: 'copy',
  short: 'Copy a file or inline content to the host',
  params,
  mutuallyExclusive: [['src', 'content']],
  requiredOneOf: [['src', 'content']],
  checkMode: 'plan',
  async: 'refused',
  examples: `- name: Load the KVM module options
  copy:
    content: |
      options kvm_intel nested=1
    dest: /etc/modprobe.d/kvm.conf
    mode: "0644"

- name: Ship the guest definition from files/
  copy:
    src: vm1.xml
    dest: /etc/libvirt/qemu-defs/
    owner: root
    backup: true
`,
  probe: (p, ctx) => writeProbes(request(p), ctx),
  plan(p, observed, ctx) {
    let content: string;
    try {
      content = p.content ?? ctx.readLocalFile(p.src ?? '', 'files');
    } catch (err) {
      return { kind: 'fail', msg: `Could not find or access '${p.src ?? ''}': ${errorMessage(err)}` };
    }
    return planWrite(request(p), content, observed, ctx);
  },
  finish: (_p, outputs) => finishWrite(outputs),
});

function request(p: { src?: string | undefined; content?: string | undefined; dest: string } & Omit<WriteRequest, 'dest' | 'srcName'>): WriteRequest {
  return { ...p, srcName: p.content === undefined && p.src !== undefined ? posix.basename(p.src) : undefined };
}
