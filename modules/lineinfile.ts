// lineinfile: make sure one line is in a file (or is not), replacing the line a regexp finds; written like copy.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { editLines } from './common/line-edit.js';
import { aliasOf, choice } from './common/schema.js';
import { parseStat } from './common/stat.js';
import { commonFileArgs, finishWrite, planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import type { SelinuxContextParams } from './common/selinux-context.js';

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The file to edit.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  name: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  line: Type.Optional(Type.String({ description: 'The line to have in the file (required with state=present). With backrefs, may use \\1 or \\g<name> from regexp.' })),
  value: aliasOf('line', Type.Optional(Type.String({ description: 'Alias of line.' }))),
  regexp: Type.Optional(Type.String({ description: 'A (Python-style) regular expression: the last matching line is replaced by line (state=present) or every matching line removed (state=absent).' })),
  regex: aliasOf('regexp', Type.Optional(Type.String({ description: 'Alias of regexp.' }))),
  search_string: Type.Optional(Type.String({ description: 'Like regexp, but a literal string that the line contains.' })),
  state: choice(['present', 'absent'] as const, { description: 'Whether the line should be there.', default: 'present' }),
  insertafter: Type.Optional(Type.String({ description: 'When nothing matches: insert after the last line matching this regular expression, or EOF (the default) / BOF.' })),
  insertbefore: Type.Optional(Type.String({ description: 'When nothing matches: insert before the last line matching this regular expression, or BOF.' })),
  backrefs: Type.Boolean({ description: 'Expand regexp groups in line; when regexp matches nothing, leave the file unchanged.', default: false }),
  firstmatch: Type.Boolean({ description: 'Use the first matching line for regexp, insertafter and insertbefore instead of the last.', default: false }),
  create: Type.Boolean({ description: 'Create the file (and its directory) when it does not exist; otherwise a missing file fails.', default: false }),
  backup: Type.Boolean({ description: 'Keep the replaced file as PATH.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
  validate: Type.Optional(Type.String({ description: 'A command that checks the edited file before it replaces path; %s stands for the file.' })),
});

type Params = {
  path?: string | undefined;
  dest?: string | undefined;
  name?: string | undefined;
  mode?: string | number | undefined;
  owner?: string | undefined;
  group?: string | undefined;
  backup?: boolean | undefined;
  validate?: string | undefined;
  create?: boolean | undefined;
} & SelinuxContextParams;

function request(p: Params): WriteRequest {
  return { dest: p.path ?? p.dest ?? p.name ?? '', mode: p.mode, owner: p.owner, group: p.group, backup: p.backup, validate: p.validate, makeParents: p.create, ...commonFileArgs(p) };
}

export const lineinfileModule = defineModule({
  name: 'lineinfile',
  short: 'Make sure a line is in a file, or is not, replacing the line a regexp finds',
  params,
  mutuallyExclusive: [['path', 'dest', 'name'], ['line', 'value'], ['regexp', 'regex', 'search_string'], ['insertafter', 'insertbefore']],
  requiredOneOf: [['path', 'dest', 'name']],
  checkMode: 'plan',
  examples: `- name: Let the kvm group use libvirt
  lineinfile:
    path: /etc/libvirt/libvirtd.conf
    regexp: '^#?unix_sock_group\\s*='
    line: 'unix_sock_group = "libvirt"'

- name: No nested virtualization option left
  lineinfile:
    path: /etc/modprobe.d/kvm.conf
    regexp: '^options kvm_intel'
    state: absent
`,
  probe(p, ctx) {
    const req = request(p);
    return { ...writeProbes(req, ctx), text: sh`cat < ${req.dest}` };
  },
  plan(p, observed, ctx) {
    const req = request(p);
    if (req.dest === '') return { kind: 'fail', msg: 'one of path, dest or name is required' };
    const line = p.line ?? p.value;
    const regexp = p.regexp ?? p.regex;
    if (p.state === 'present' && line === undefined) return { kind: 'fail', msg: 'line is required with state=present' };
    if (p.state === 'absent' && line === undefined && regexp === undefined && p.search_string === undefined) {
      return { kind: 'fail', msg: 'one of line, regexp or search_string is required with state=absent' };
    }
    if (p.backrefs === true && regexp === undefined) return { kind: 'fail', msg: 'regexp is required with backrefs=true' };
    const st = parseStat(observed.dest);
    if (st?.type === 'directory') return { kind: 'fail', msg: `Path ${req.dest} is a directory !` };
    if (!st) {
      if (p.state === 'absent') return { kind: 'ok', reason: `${req.dest} does not exist: the line is not there`, data: { msg: 'file not present' } };
      if (p.create !== true) return { kind: 'fail', msg: `Destination ${req.dest} does not exist !`, missingPrerequisite: `add a line to ${req.dest}` };
    }
    let edit;
    try {
      edit = editLines(st ? (observed.text?.stdout ?? '') : '', {
        state: p.state ?? 'present',
        line,
        regexp,
        searchString: p.search_string,
        insertafter: p.insertafter,
        insertbefore: p.insertbefore,
        backrefs: p.backrefs,
        firstmatch: p.firstmatch,
      });
    } catch (err) {
      return { kind: 'fail', msg: `invalid regular expression: ${err instanceof Error ? err.message : String(err)}` };
    }
    // no edit: planWrite still checks mode/owner/group (the checksum matches, so only attributes can change)
    const plan = planWrite(req, edit.text, observed, ctx);
    // Ansible's result: msg (what the edit did, or that only the attributes changed, or nothing) and backup (no
    // backup made: ''), not the dest, checksum and size copy returns
    if (plan.kind === 'change' && edit.msg !== undefined) return { ...plan, summary: `${edit.msg} in ${req.dest}`, data: { msg: edit.msg, backup: '' } };
    if (plan.kind === 'change') return { ...plan, data: { msg: 'ownership, perms or SE linux context changed', backup: '' } };
    if (plan.kind === 'ok') return { ...plan, reason: st ? `${req.dest}: the line is ${p.state === 'absent' ? 'absent' : 'present'}${plan.reason.includes('attributes') ? ', attributes match' : ''}` : plan.reason, data: { msg: '', backup: '' } };
    return plan;
  },
  finish: (_p, outputs) => finishWrite(outputs),
});
