// group: local groups through groupadd/groupmod/groupdel, as Ansible's group module on Linux.
import { Type } from '@sinclair/typebox';
import { sh, shellJoin } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  name: operand('Name of the group to manage.'),
  state: choice(['present', 'absent'], { description: 'Whether the group should exist.', default: 'present' }),
  gid: Type.Optional(Type.Integer({ description: 'The group ID.', minimum: 0 })),
  system: Type.Boolean({ description: 'Create a system group (only when the group is created).', default: false }),
  non_unique: Type.Boolean({ description: 'Allow a gid that another group has (-o); needs gid.', default: false }),
});

export const groupModule = defineModule({
  name: 'group',
  short: 'Add, change the gid of, or remove local groups',
  examples: `- name: The libvirt group with a fixed gid
  group:
    name: libvirt
    gid: 990
    system: true
`,
  params,
  probe(p) {
    return { entry: sh`getent group -- ${p.name}` };
  },
  plan(p, observed) {
    if (/[:\n]/.test(p.name)) return { kind: 'fail', msg: "name must not contain ':' or a newline (they separate /etc/group's fields)" };
    if (p.non_unique && p.gid === undefined) return { kind: 'fail', msg: 'non_unique needs gid' };
    const out = observed.entry;
    if (out !== undefined && out.code !== 0 && out.code !== 2) return { kind: 'fail', msg: `getent group failed: ${out.stderr.trim()}` };
    const fields = out?.code === 0 ? (out.stdout.split('\n')[0] ?? '').split(':') : [];
    const gid = fields.length >= 3 ? Number(fields[2]) : undefined;
    const base = { name: p.name, state: p.state, system: p.system };
    if (p.state === 'absent') {
      if (gid === undefined) return { kind: 'ok', reason: `group ${p.name} does not exist`, data: base };
      return { kind: 'change', summary: `remove group ${p.name}`, steps: [{ cmd: sh`groupdel -- ${p.name}`, describe: `remove group ${p.name}` }], data: base };
    }
    const gidArgs = p.gid === undefined ? [] : ['-g', String(p.gid), ...(p.non_unique ? ['-o'] : [])];
    if (gid === undefined) {
      const args = [...gidArgs, ...(p.system ? ['-r'] : [])];
      return { kind: 'change', summary: `create group ${p.name}`, steps: [{ cmd: shellJoin(['groupadd', ...args, '--', p.name]), describe: `create group ${p.name}` }], data: { ...base, gid: p.gid } };
    }
    if (p.gid !== undefined && p.gid !== gid) {
      return { kind: 'change', summary: `change the gid of group ${p.name} from ${gid} to ${p.gid}`, steps: [{ cmd: shellJoin(['groupmod', ...gidArgs, '--', p.name]), describe: `change the gid of group ${p.name}` }], data: { ...base, gid: p.gid } };
    }
    return { kind: 'ok', reason: `group ${p.name} exists with gid ${gid}`, data: { ...base, gid } };
  },
});
