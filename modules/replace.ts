// replace: replace every match of a (Python) regular expression in a file, optionally only between after and before.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { compilePython, PyRegexError, pySubn } from '../engine/core/python-regex.js';
import { aliasOf } from './common/schema.js';
import { parseStat } from './common/stat.js';
import { editRequest, finishWrite, planWrite, writeProbes } from './common/write-file.js';

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The file to modify.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  destfile: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  name: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  regexp: Type.String({ description: 'A Python regular expression (MULTILINE): every match is replaced.' }),
  replace: Type.String({ description: 'The replacement; may use \\1, \\g<1>, \\g<name>.', default: '' }),
  after: Type.Optional(Type.String({ description: 'Only replace in the text after the first match of this expression (DOTALL).' })),
  before: Type.Optional(Type.String({ description: 'Only replace in the text before the match of this expression (DOTALL).' })),
  backup: Type.Boolean({ description: 'Keep the replaced file as PATH.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  validate: Type.Optional(Type.String({ description: 'A command that checks the edited file before it replaces path; %s stands for the file.' })),
  encoding: Type.String({ description: 'The file\'s character encoding (only utf-8 is supported).', default: 'utf-8' }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

/** Ansible's section: the text between after and before (their first match, DOTALL), or the whole file. */
function section(text: string, after: string | undefined, before: string | undefined): { start: number; end: number; pattern: string } | undefined {
  const a = after !== undefined && after !== '' ? after : undefined;
  const b = before !== undefined && before !== '' ? before : undefined;
  const pattern = a !== undefined && b !== undefined ? `${a}(?P<subsection>.*?)${b}` : a !== undefined ? `${a}(?P<subsection>.*)` : b !== undefined ? `(?P<subsection>.*)${b}` : '';
  if (pattern === '') return { start: 0, end: text.length, pattern };
  const dotall = compilePython(pattern, { dotall: true });
  // the d flag gives the subsection's own indices, as Python's match.start/end('subsection')
  const m = new RegExp(dotall.source, `${dotall.flags}d`).exec(text);
  const at = m?.indices?.groups?.subsection;
  if (!at) return undefined;
  return { start: at[0], end: at[1], pattern };
}

export const replaceModule = defineModule({
  name: 'replace',
  short: 'Replace every match of a regular expression in a file',
  params,
  mutuallyExclusive: [['path', 'dest', 'destfile', 'name']],
  requiredOneOf: [['path', 'dest', 'destfile', 'name']],
  checkMode: 'plan',
  examples: `- name: Point the old host name to the new one
  replace:
    path: /etc/hosts
    regexp: '(\\s+)old\\.host\\.name(\\s+.*)?$'
    replace: '\\1new.host.name\\2'
`,
  probe(p, ctx) {
    const req = editRequest(p);
    return { ...writeProbes(req, ctx), text: sh`cat < ${req.dest}`, real: sh`readlink -f -- ${req.dest}` };
  },
  plan(p, observed, ctx) {
    const req = editRequest(p);
    if (req.dest === '') return { kind: 'fail', msg: 'one of path, dest, destfile or name is required' };
    if (p.encoding.toLowerCase().replace(/[-_]/g, '') !== 'utf8') return { kind: 'fail', msg: `encoding ${p.encoding} is not supported (only utf-8)` };
    const st = parseStat(observed.dest);
    if (st?.type === 'directory') return { kind: 'fail', msg: `Path ${req.dest} is a directory !` };
    if (!st) return { kind: 'fail', msg: `Path ${req.dest} does not exist !`, missingPrerequisite: `replace in ${req.dest}` };
    const text = observed.text?.stdout ?? '';
    let result;
    try {
      const sec = section(text, p.after, p.before);
      if (!sec) return { kind: 'ok', reason: `Pattern for before/after params did not match the given file`, data: { msg: `Pattern for before/after params did not match the given file: ${sectionPattern(p)}` } };
      const part = text.slice(sec.start, sec.end);
      const sub = pySubn(compilePython(p.regexp, { multiline: true }), p.replace, part);
      result = { count: sub.count, changed: sub.count > 0 && sub.text !== part, text: text.slice(0, sec.start) + sub.text + text.slice(sec.end) };
    } catch (err) {
      if (err instanceof PyRegexError) return { kind: 'fail', msg: `regular expression: ${err.message}` };
      throw err;
    }
    // as Ansible, a symbolic link's target is written, the link kept
    const real = st && observed.real?.code === 0 ? observed.real.stdout.replace(/\n$/, '') : '';
    const plan = planWrite(real !== '' ? { ...req, dest: real } : req, result.changed ? result.text : text, observed, ctx);
    const msg = result.changed ? `${result.count} replacements made` : '';
    // Ansible's result is its msg and rc 0, not the dest, checksum and size copy returns
    if (plan.kind === 'change' && result.changed) return { ...plan, summary: `${msg} in ${req.dest}`, data: { msg, rc: 0 } };
    if (plan.kind === 'ok') return { ...plan, reason: `${req.dest}: nothing to replace`, data: { msg, rc: 0 } };
    if (plan.kind === 'change') return { ...plan, data: { msg: 'ownership, perms or SE linux context changed', rc: 0 } };
    return plan;
  },
  finish: (_p, outputs) => finishWrite(outputs),
});

function sectionPattern(p: { after?: string | undefined; before?: string | undefined }): string {
  const a = p.after ?? '';
  const b = p.before ?? '';
  return a !== '' && b !== '' ? `${a}(?P<subsection>.*?)${b}` : a !== '' ? `${a}(?P<subsection>.*)` : `(?P<subsection>.*)${b}`;
}
