// ini_file: one option (or a whole section) of an INI file, as community.general.ini_file edits it; the file
// travels in the probe, the edit is pure (support/ini-edit.ts), the write and the attributes are copy's.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { aliasOf, choice } from './common/schema.js';
import { parseStat } from './common/stat.js';
import { commonFileArgs, finishWrite, planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import type { SelinuxContextParams } from './common/selinux-context.js';
import { editIni } from './support/ini-edit.js';

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The INI file.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  section: Type.Optional(Type.String({ description: 'The section ([name]); none: the lines before the first section.' })),
  option: Type.Optional(Type.String({ description: 'The option; none with state=absent removes the whole section.' })),
  value: Type.Optional(Type.String({ description: 'The value of the option.' })),
  values: Type.Optional(Type.Array(Type.String(), { description: 'Several values of the option, one line each (with exclusive, the only ones).' })),
  state: choice(['present', 'absent'] as const, { description: 'Whether the option (or, with no option, the section) should be there.', default: 'present' }),
  exclusive: Type.Boolean({ description: 'present: the values given are the only lines of the option; absent: remove every line of the option, whatever its value.', default: true }),
  no_extra_spaces: Type.Boolean({ description: 'Write option=value instead of option = value.', default: false }),
  allow_no_value: Type.Boolean({ description: 'Allow an option without a value (a bare option line).', default: false }),
  create: Type.Boolean({ description: 'Create the file (and its directory) when it does not exist.', default: true }),
  backup: Type.Boolean({ description: 'Keep the replaced file as PATH.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

export const iniFileModule = defineModule({
  name: 'ini_file',
  aliases: ['community.general.ini_file'],
  short: 'Set or remove an option (or a section) in an INI file',
  params,
  mutuallyExclusive: [['path', 'dest'], ['value', 'values']],
  requiredOneOf: [['path', 'dest']],
  checkMode: 'plan',
  examples: `- name: libvirt listens on TCP
  ini_file:
    path: /etc/example.ini
    section: server
    option: listen_tcp
    value: "1"
    mode: "0644"
`,
  probe(p, ctx) {
    const req = writeRequest(p);
    return { ...writeProbes(req, ctx), text: sh`cat < ${req.dest}` };
  },
  plan(p, observed, ctx) {
    const req = writeRequest(p);
    if (req.dest === '') return { kind: 'fail', msg: 'one of path or dest is required' };
    if (p.state === 'present' && !p.allow_no_value && p.value === undefined && (p.values ?? []).length === 0) {
      return { kind: 'fail', msg: "Parameter 'value(s)' must be defined if state=present and allow_no_value=False." };
    }
    const st = parseStat(observed.dest);
    if (st?.type === 'directory') return { kind: 'fail', msg: `${req.dest} is a directory` };
    if (!st && !p.create) return { kind: 'fail', msg: `Destination ${req.dest} does not exist!`, missingPrerequisite: `edit ${req.dest}` };
    const original = st ? (observed.text?.stdout ?? '') : undefined;
    const values = p.value !== undefined ? [p.value] : (p.values ?? []);
    const r = editIni(original, {
      section: p.section,
      option: p.option,
      values,
      state: p.state,
      exclusive: p.exclusive,
      noExtraSpaces: p.no_extra_spaces,
      allowNoValue: p.allow_no_value,
    });
    const data = { path: req.dest, msg: r.msg };
    // nothing to change and no file: Ansible writes none (and sets no attributes)
    if (!r.changed && !st) return { kind: 'ok', reason: `${req.dest}: ${r.msg}`, data };
    const plan = planWrite(req, r.changed ? r.text : (original ?? ''), observed, ctx);
    if (plan.kind === 'change') return { ...plan, summary: r.changed ? `${r.msg}: ${req.dest}` : plan.summary, data: { ...plan.data, ...data } };
    if (plan.kind === 'ok') return { ...plan, reason: `${req.dest}: ${r.msg}`, data: { ...plan.data, ...data } };
    return plan;
  },
  finish: (_p, outputs) => finishWrite(outputs),
});

function writeRequest(p: { path?: string | undefined; dest?: string | undefined; mode?: string | number | undefined; owner?: string | undefined; group?: string | undefined; backup?: boolean | undefined } & SelinuxContextParams): WriteRequest {
  // ini_file creates the file's directory when it creates the file
  return { dest: p.path ?? p.dest ?? '', mode: p.mode, owner: p.owner, group: p.group, backup: p.backup, makeParents: true, ...commonFileArgs(p) };
}
