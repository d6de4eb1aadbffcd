// debconf: one answer in the debconf database, as Ansible's module reads the package's answers with debconf-show
// and sets one with debconf-set-selections (a boolean compared as debconf writes it, true/false).
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { aliasOf, choice } from './common/schema.js';
import { defineModule } from './contract.js';

const VTYPES = ['boolean', 'error', 'multiselect', 'note', 'password', 'seen', 'select', 'string', 'text', 'title'] as const;

const params = Type.Object({
  name: Type.String({ description: 'The package whose question it is.', pattern: '^[^\\s]+$' }),
  pkg: aliasOf('name', Type.Optional(Type.String({ description: 'Alias of name.' }))),
  question: Type.Optional(Type.String({ description: 'The question (package/setting).', pattern: '^[^\\s]+$' })),
  selection: aliasOf('question', Type.Optional(Type.String({ description: 'Alias of question.' }))),
  setting: aliasOf('question', Type.Optional(Type.String({ description: 'Alias of question.' }))),
  vtype: Type.Optional(choice(VTYPES, { description: 'The type of the answer.' })),
  value: Type.Optional(Type.String({ description: 'The answer.' })),
  answer: aliasOf('value', Type.Optional(Type.String({ description: 'Alias of value.' }))),
  unseen: Type.Boolean({ description: 'Do not mark the question as seen (debconf-set-selections -u).', default: false }),
});

/** Ansible's get_selections over debconf-show's lines: `* question: value` (the star marks a seen one). */
export function readSelections(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const at = line.indexOf(':');
    if (at < 0) continue;
    m.set(line.slice(0, at).trim().replace(/^\*+|\*+$/g, '').trim(), line.slice(at + 1).trim());
  }
  return m;
}

export const debconfModule = defineModule({
  name: 'debconf',
  short: 'Answer a debconf question of a package (before installing it, or to reconfigure it)',
  params,
  examples: `- name: The time zone area tzdata offers
  debconf:
    name: tzdata
    question: tzdata/Areas
    vtype: select
    value: Europe
`,
  probe(p) {
    return { show: sh`debconf-show ${p.name}` };
  },
  plan(p, observed, ctx) {
    const show = observed.show;
    if (show === undefined || show.code !== 0) return { kind: 'fail', msg: show?.stderr ?? 'debconf-show failed' };
    const prev = readSelections(show.stdout);
    const question = p.question ?? p.selection ?? p.setting;
    const rawValue = p.value ?? p.answer;
    // Ansible's required_together, checked with the arguments
    const together = [question, p.vtype, rawValue];
    if (together.some((v) => v !== undefined) && together.some((v) => v === undefined)) return { kind: 'fail', msg: 'parameters are required together: question, vtype, value' };
    if (question === undefined) return { kind: 'ok', reason: `the answers of ${p.name}`, data: { msg: '', current: Object.fromEntries(prev) } };
    if (p.vtype === undefined || rawValue === undefined) return { kind: 'fail', msg: 'when supplying a question you must supply a valid vtype and value' };
    // debconf-set-selections reads one answer per line: a line break would make the rest another answer
    if (/[\r\n]/.test(rawValue)) return { kind: 'fail', msg: 'value must be one line: debconf-set-selections reads one answer per line' };
    const existing = prev.get(question);
    // a boolean is compared as debconf writes it, when the question has an answer (as Ansible compares it)
    const value = p.vtype === 'boolean' && existing !== undefined ? rawValue.toLowerCase() : rawValue;
    const same = existing !== undefined && (p.vtype === 'boolean' ? existing.toLowerCase() : existing) === value;
    if (same) return { kind: 'ok', reason: `${question} is ${value}`, data: { msg: '', current: Object.fromEntries(prev) } };
    const before = { [question]: existing ?? '' };
    const after = { [question]: value };
    const data = { msg: '', current: after, previous: before, ...(ctx.diff ? { diff: { before, after: { ...before, ...after } } } : { diff: {} }) };
    const written = p.vtype === 'boolean' && (value === 'True' || value === 'False') ? value.toLowerCase() : value;
    const line = [p.name, question, p.vtype, written].join(' ');
    return {
      kind: 'change',
      summary: `${question} = ${p.vtype === 'password' ? '********' : value}`,
      steps: [{ cmd: `debconf-set-selections${p.unseen ? ' -u' : ''}`, stdin: line, describe: `debconf-set-selections ${question}` }],
      data,
    };
  },
});
