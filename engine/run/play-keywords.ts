// Play keywords written as templates (`serial: "{{ serial | default('20%') }}"`, `gather_facts`), rendered as the play starts with
// the variables Ansible's PlaybookExecutor gives Play.post_validate: the play's (vars, vars_files, its roles'),
// the extra vars and the magic ones that need no host. An inventory variable is not among them.
import { KplayError } from '../core/errors.js';
import type { Play, Vars } from '../playbook/model.js';
import { render } from '../template/index.js';
import { pyRepr, pyStr } from '../template/values.js';
import { buildTaskVars } from '../vars/index.js';
import type { RunContext } from './context.js';
import { undefinedFieldError } from './undefined-field.js';
import { toKeywordBool, toKeywordInt } from './keyword-templates.js';

const isTemplate = (v: unknown): v is string => typeof v === 'string' && v.includes('{{');

/** The play with serial, max_fail_percentage and gather_facts rendered (a play without templates is returned as it is). */
export function renderPlayKeywords(run: Pick<RunContext, 'options' | 'groups'>, play: Play): Play {
  const serialTemplated = play.serial.some(isTemplate);
  if (!serialTemplated && play.maxFailTemplate === undefined && play.gatherFactsTemplate === undefined) return play;
  const vars = playVars(run, play);
  const where = { loc: play.loc, task: `play ${play.name}` };
  const field = <T>(name: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw undefinedFieldError(name, err, play.loc);
    }
  };
  const serial = serialTemplated ? field('serial', () => play.serial.flatMap((s) => serialEntries(isTemplate(s) ? render(s, vars, where) : s))) : play.serial;
  const template = play.maxFailTemplate;
  const maxFailPercentage = template === undefined ? play.maxFailPercentage : field('max_fail_percentage', () => percent(template.text, render(template.text, vars, { ...where, loc: template.loc }), play));
  const gather = play.gatherFactsTemplate;
  const gatherFacts = gather === undefined ? play.gatherFacts : field('gather_facts', () => asBool(gather.text, render(gather.text, vars, { ...where, loc: gather.loc }), play));
  return { ...play, serial, maxFailPercentage, gatherFacts };
}

/** Ansible's isa='bool' (strict), in its words when the value is none. */
function asBool(text: string, v: unknown, play: Play): boolean {
  const converted = toKeywordBool(v);
  if ('value' in converted) return converted.value === true;
  throw new KplayError('command', `the field 'gather_facts' has an invalid value (${text}), and could not be converted to an bool.The error was: ${converted.error}`, { loc: play.loc });
}

/** The play's variables, no host's: what Ansible's variable manager gives without a host (play keywords, handler names). */
export function playVars(run: Pick<RunContext, 'options' | 'groups'>, play: Play): Vars {
  const vars = buildTaskVars({ roleDefaults: [play.roleDefaults], play: play.vars, varsFiles: play.varsFiles, roleVars: [play.roleVars], extra: run.options.extraVars });
  Object.assign(vars, { groups: run.groups, playbook_dir: play.baseDir, ansible_check_mode: run.options.check, ansible_diff_mode: run.options.diff, ansible_play_name: play.name });
  return vars;
}

/** A rendered serial: a list gives its items (Ansible's isa='list'); each a number or text ("30%"), as written. */
function serialEntries(v: unknown): (number | string)[] {
  const items = Array.isArray(v) ? (v as unknown[]) : [v];
  return items.map((x) => {
    const s = typeof x === 'number' ? x : pyStr(x);
    // Ansible's pct_to_int: int() of anything but "N%", an error its executor does not expect
    if (typeof s === 'string' && !s.endsWith('%') && 'error' in toKeywordInt(s)) {
      throw new KplayError('command', `Unexpected Exception, this is probably a bug: invalid literal for int() with base 10: ${pyRepr(s)}`);
    }
    return s;
  });
}

/** Ansible's isa='percent': a '%' dropped, then float(). */
function percent(text: string, v: unknown, play: Play): number {
  const s = typeof v === 'string' ? v.replace(/%/g, '').trim() : v;
  const n = typeof s === 'number' ? s : typeof s === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  if (Number.isFinite(n)) return n;
  const why = typeof s === 'string' ? `could not convert string to float: ${pyRepr(s)}` : `float() argument must be a string or a real number, not '${s === null || s === undefined ? 'NoneType' : Array.isArray(s) ? 'list' : 'dict'}'`;
  throw new KplayError('command', `the field 'max_fail_percentage' has an invalid value (${text}), and could not be converted to an percent.The error was: ${why}`, { loc: play.loc });
}
