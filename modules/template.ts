// template: render a Jinja file from templates/ with the task's variables and put it on the host like copy.
import { Type } from '@sinclair/typebox';
import { posix } from 'node:path';
import { errorMessage } from '../engine/core/errors.js';
import { defineModule } from './contract.js';
import { writtenFileParams } from './common/file-params.js';
import { planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import { copyResult, finishCopy } from './common/copy-result.js';

const params = Type.Object({
  src: Type.String({ description: 'The Jinja template on the controller, looked up in templates/ beside the playbook or role (or a path).' }),
  ...writtenFileParams,
  validate: Type.Optional(Type.String({ description: "A command that checks the rendered file before it replaces dest; %s stands for the file (e.g. 'nginx -t -c %s')." })),
});

export const templateModule = defineModule({
  name: 'template',
  short: 'Render a Jinja template to a file on the host',
  params,
  checkMode: 'plan',
  async: 'refused',
  examples: `- name: Configure libvirtd
  template:
    src: libvirtd.conf.j2
    dest: /etc/libvirt/libvirtd.conf
    mode: "0644"
    backup: true
  notify: restart libvirtd
`,
  probe: (p, ctx) => writeProbes(request(p), ctx),
  plan(p, observed, ctx) {
    let content: string;
    try {
      content = ctx.render(ctx.readLocalFile(p.src, 'templates'), { src: p.src, dest: p.dest });
    } catch (err) {
      return { kind: 'fail', msg: `template ${p.src}: ${errorMessage(err)}` };
    }
    return copyResult(planWrite(request(p), content, observed, ctx), request(p), content, observed, ctx);
  },
  finish: (_p, outputs) => finishCopy(outputs),
});

function request(p: { src: string; dest: string } & Omit<WriteRequest, 'dest' | 'srcName'>): WriteRequest {
  // into a directory dest the file keeps src's base name, .j2 included, as with Ansible
  return { ...p, srcName: posix.basename(p.src), reportPath: true };
}
