// blockinfile: keep a block of lines between two marker lines in a file (insert, update or remove it); written like copy.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { compileWithFlags, PyRegexError } from '../engine/core/python-regex.js';
import { aliasOf, choice } from './common/schema.js';
import { parseStat } from './common/stat.js';
import { editRequest, finishWrite, planWrite, writeProbes } from './common/write-file.js';

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The file to modify.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  destfile: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  name: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  state: choice(['present', 'absent'] as const, { description: 'Whether the block should be there.', default: 'present' }),
  marker: Type.String({ description: 'The marker line template; {mark} becomes marker_begin or marker_end.', default: '# {mark} ANSIBLE MANAGED BLOCK' }),
  block: Type.String({ description: 'The text between the markers; empty removes the block.', default: '' }),
  content: aliasOf('block', Type.Optional(Type.String({ description: 'Alias of block.' }))),
  insertafter: Type.Optional(Type.String({ description: 'A new block goes after the last line matching this regular expression, or EOF (the default).' })),
  insertbefore: Type.Optional(Type.String({ description: 'A new block goes before the last line matching this regular expression, or BOF.' })),
  create: Type.Boolean({ description: 'Create the file when it does not exist.', default: false }),
  backup: Type.Boolean({ description: 'Keep the replaced file as PATH.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  validate: Type.Optional(Type.String({ description: 'A command that checks the edited file before it replaces path; %s stands for the file.' })),
  marker_begin: Type.String({ description: 'What {mark} becomes in the first marker.', default: 'BEGIN' }),
  marker_end: Type.String({ description: 'What {mark} becomes in the last marker.', default: 'END' }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

/** bytes.splitlines(True): lines with their endings, split at \n, \r\n and a lone \r. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\r\n|\n|\r(?!\n))/);
}

export interface BlockEdit {
  readonly state: 'present' | 'absent';
  readonly marker: string;
  readonly block: string;
  readonly begin: string;
  readonly end: string;
  readonly insertafter?: string | undefined;
  readonly insertbefore?: string | undefined;
}

/** Ansible's blockinfile edit of a file's text (original undefined: no file), as a pure function. */
export function editBlock(original: string | undefined, e: BlockEdit): string {
  const lines = splitLines(original ?? '');
  const marker0 = `${e.marker.replaceAll('{mark}', e.begin)}\n`;
  const marker1 = `${e.marker.replaceAll('{mark}', e.end)}\n`;
  let blocklines: string[] = [];
  if (e.state === 'present' && e.block !== '') blocklines = [marker0, ...splitLines(e.block.endsWith('\n') ? e.block : `${e.block}\n`), marker1];
  let after = e.insertafter;
  const before = e.insertbefore;
  if (before === undefined && after === undefined) after = 'EOF';
  const source = after !== undefined && after !== 'EOF' ? after : before !== undefined && before !== 'BOF' ? before : undefined;
  const insert = source !== undefined ? compileWithFlags(source, { ascii: true }) : undefined;
  let n0: number | undefined;
  let n1: number | undefined;
  lines.forEach((l, i) => {
    if (l === marker0) n0 = i;
    if (l === marker1) n1 = i;
  });
  if (n0 === undefined || n1 === undefined) {
    n0 = undefined;
    if (insert) {
      if (insert.multiline) {
        insert.re.lastIndex = 0;
        const m = insert.re.exec(original ?? '');
        if (m) {
          const upto = after !== undefined ? m.index + m[0].length : m.index;
          n0 = (original ?? '').slice(0, upto).split('\n').length - 1;
        }
      } else {
        lines.forEach((l, i) => {
          insert.re.lastIndex = 0;
          if (insert.re.test(l)) n0 = i;
        });
      }
      if (n0 === undefined) n0 = lines.length;
      else if (after !== undefined) n0 += 1;
    } else {
      n0 = before !== undefined ? 0 : lines.length;
    }
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  const prev = lines[n0 - 1];
  if (n0 > 0 && prev !== undefined && !prev.endsWith('\n')) lines[n0 - 1] = `${prev}\n`;
  lines.splice(n0, 0, ...blocklines);
  return lines.join('');
}

export const blockinfileModule = defineModule({
  name: 'blockinfile',
  short: 'Insert, update or remove a block of lines between marker lines',
  params,
  mutuallyExclusive: [['path', 'dest', 'destfile', 'name'], ['block', 'content'], ['insertafter', 'insertbefore']],
  requiredOneOf: [['path', 'dest', 'destfile', 'name']],
  checkMode: 'plan',
  examples: `- name: Our hosts in /etc/hosts
  blockinfile:
    path: /etc/hosts
    block: |
      10.0.0.10 db
      10.0.0.11 web
`,
  probe(p, ctx) {
    const req = editRequest(p);
    return { ...writeProbes(req, ctx), text: sh`cat < ${req.dest}`, real: sh`readlink -f -- ${req.dest}` };
  },
  plan(p, observed, ctx) {
    const req = editRequest(p);
    if (req.dest === '') return { kind: 'fail', msg: 'one of path, dest, destfile or name is required' };
    const st = parseStat(observed.dest);
    if (st?.type === 'directory') return { kind: 'fail', msg: `Path ${req.dest} is a directory !` };
    if (!st && p.state === 'absent') return { kind: 'ok', reason: `File ${req.dest} not present`, data: { msg: `File ${req.dest} not present` } };
    if (!st && !p.create) return { kind: 'fail', msg: `Path ${req.dest} does not exist !`, missingPrerequisite: `edit ${req.dest}` };
    const original = st ? (observed.text?.stdout ?? '') : undefined;
    let result: string;
    try {
      result = editBlock(original, { state: p.state ?? 'present', marker: p.marker, block: p.content ?? p.block, begin: p.marker_begin, end: p.marker_end, insertafter: p.insertafter, insertbefore: p.insertbefore });
    } catch (err) {
      if (err instanceof PyRegexError) return { kind: 'fail', msg: `regular expression: ${err.message}` };
      throw err;
    }
    const msg = original === result ? '' : original === undefined ? 'File created' : p.state === 'absent' || (p.content ?? p.block) === '' ? 'Block removed' : 'Block inserted';
    // as Ansible, a symbolic link's target is written, the link kept
    const real = st && observed.real?.code === 0 ? observed.real.stdout.replace(/\n$/, '') : '';
    const plan = planWrite({ ...req, dest: real !== '' ? real : req.dest, makeParents: p.create }, result, observed, ctx);
    // Ansible's result is its msg, not the dest, checksum and size copy returns
    if (plan.kind === 'change' && msg !== '') return { ...plan, summary: `${msg}: ${req.dest}`, data: { msg } };
    if (plan.kind === 'ok') return { ...plan, reason: `${req.dest}: the block is ${p.state === 'absent' ? 'absent' : 'in place'}`, data: { msg } };
    if (plan.kind === 'change') return { ...plan, data: { msg: 'ownership, perms or SE linux context changed' } };
    return plan;
  },
  finish: (_p, outputs) => finishWrite(outputs),
});
