// Keywords written as templates (`ignore_errors: "{{ ansible_check_mode }}"`), rendered with one host's variables
// when the task runs there, converted as Ansible's post-validation converts them (strict booleans, whole numbers).
import { KplayError } from '../core/errors.js';
import { asyncRefusal } from '../playbook/async.js';
import { asNumber } from '../playbook/read.js';
import { TEMPLATED_KEYWORD_FIELDS, type AsyncKeywords, type AsyncWritten, type KeywordTemplate, type Task, type TemplatedKeyword, type Vars } from '../playbook/model.js';
import { findModule } from '../../modules/registry.js';
import { render, type TemplateWhere } from '../template/index.js';
import { pyRepr, pyStr } from '../template/values.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { taskVars } from './task-vars.js';

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);
/** Ansible's BOOLEANS as its message lists them (Python prints a set, in an order that changes from run to run) */
const VALID_BOOLEANS = "'y', 'yes', 'on', '1', 'true', 't', 1, 1.0, True, 'n', 'no', 'off', '0', 'false', 'f', 0, 0.0, False";

type Converted = { readonly value: boolean | number } | { readonly error: string };

/** Python's boolean(value, strict=True) as Ansible's FieldAttribute isa='bool' applies it; the error is its words. */
export function toKeywordBool(v: unknown): Converted {
  if (typeof v === 'boolean') return { value: v };
  if (v === 1 || v === 0) return { value: v === 1 };
  const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (s !== undefined && TRUE.has(s)) return { value: true };
  if (s !== undefined && FALSE.has(s)) return { value: false };
  return { error: `The value '${pyStr(v)}' is not a valid boolean.  Valid booleans include: ${VALID_BOOLEANS}` };
}

/** Python's int(value), as Ansible's FieldAttribute isa='int' applies it; the error is Python's words. */
export function toKeywordInt(v: unknown): Converted {
  if (typeof v === 'boolean') return { value: v ? 1 : 0 };
  if (typeof v === 'number' && Number.isFinite(v)) return { value: Math.trunc(v) };
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return { value: Number(v) };
  if (typeof v === 'string') return { error: `invalid literal for int() with base 10: ${pyRepr(v)}` };
  return { error: `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'` };
}

/** Python's float(value), as Ansible's FieldAttribute isa='float' applies it (loop_control.pause). */
export function toKeywordFloat(v: unknown): Converted {
  if (typeof v === 'boolean') return { value: v ? 1 : 0 };
  if (typeof v === 'number') return { value: v };
  if (typeof v === 'string') {
    const value = asNumber(v);
    return value === undefined ? { error: `could not convert string to float: ${pyRepr(v)}` } : { value };
  }
  return { error: `float() argument must be a string or a real number, not '${pyTypeName(v)}'` };
}

function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return 'float';
  return Array.isArray(v) ? 'list' : typeof v === 'object' ? 'dict' : typeof v;
}

type KeywordName = TemplatedKeyword | 'async' | 'poll' | 'pause';
const INT_KEYWORDS: ReadonlySet<KeywordName> = new Set(['timeout', 'retries', 'delay', 'throttle', 'async', 'poll']);
/** Ansible's attribute names where they differ from the keyword (its messages name the attribute) */
const FIELD_NAMES: Readonly<Record<string, string>> = { async: 'async_val' };

/** One templated keyword's value for these variables; a value Ansible would refuse is an error that fails the task. */
export function keywordValue(key: KeywordName, template: KeywordTemplate, vars: Vars, where: TemplateWhere): boolean | number {
  const rendered = render(template.text, vars, { ...where, loc: template.loc });
  const isa = key === 'pause' ? 'float' : INT_KEYWORDS.has(key) ? 'int' : 'bool';
  const converted = isa === 'float' ? toKeywordFloat(rendered) : isa === 'int' ? toKeywordInt(rendered) : toKeywordBool(rendered);
  if ('error' in converted) {
    // Ansible shows the value as written (the template), then why its conversion failed
    const field = FIELD_NAMES[key] ?? key;
    throw new KplayError('input', `the field '${field}' has an invalid value (${template.text}), and could not be converted to an ${isa}.The error was: ${converted.error}`, { loc: template.loc });
  }
  return converted.value;
}

/**
 * run_once for a task's batch: a template takes the first host's values, as Ansible's linear strategy renders it
 * for the first host and stops there. A template that cannot be rendered is false here: each host's task fails on it.
 */
export function runOnceFor(task: Task, first: HostRun | undefined, scope: PlayScope, title: string): boolean {
  const template = task.templates?.run_once;
  if (template === undefined || first === undefined) return task.runOnce === true;
  try {
    return keywordValue('run_once', template, taskVars(first, scope, task), { loc: task.loc, task: title }) === true;
  } catch {
    return false;
  }
}

/**
 * any_errors_fatal for a task's batch. Ansible's linear strategy reads the keyword as written: a template is a
 * non-empty string, so it counts as true whatever it renders to (`"{{ false }}"` too); each host's task only checks
 * that it renders to a boolean (resolveKeywords).
 */
export function anyErrorsFatal(task: Task): boolean {
  return task.anyErrorsFatal === true || task.templates?.any_errors_fatal !== undefined;
}

/** Ansible's error (the run stops) when a host's throttle does not convert to an integer. */
const THROTTLE_ERROR = 'Failed to convert the throttle value to an integer.';

/**
 * throttle for a task's batch. A template is rendered with each host's variables, as Ansible's strategy does when
 * it queues the task there, and int() of it taken; a host where that fails stops the run with Ansible's error. The
 * batch is limited by the first host's value (Ansible's differs per host only when the variables do).
 */
export function throttleFor(task: Task, hosts: readonly HostRun[], scope: PlayScope, title: string): number | undefined {
  const template = task.templates?.throttle;
  if (template === undefined) return task.throttle;
  const values = hosts.map((h) => {
    try {
      return toKeywordInt(render(template.text, taskVars(h, scope, task), { loc: template.loc, task: title }));
    } catch {
      return { error: THROTTLE_ERROR };
    }
  });
  if (values.some((v) => 'error' in v)) throw new KplayError('command', THROTTLE_ERROR, { loc: task.loc });
  const first = values[0];
  return first !== undefined && 'value' in first ? Number(first.value) : undefined;
}

/** The task as it runs on one host: every templated keyword rendered with that host's variables. */
export function resolveKeywords(task: Task, vars: Vars, where: TemplateWhere): Task {
  let resolved = task;
  const templates = task.templates;
  if (templates !== undefined) {
    const values: Record<string, boolean | number> = {};
    for (const [key, template] of Object.entries(templates) as [TemplatedKeyword, KeywordTemplate][]) {
      values[TEMPLATED_KEYWORD_FIELDS[key]] = keywordValue(key, template, vars, where);
    }
    resolved = { ...resolved, ...values, templates: undefined };
  }
  const pause = task.loopControl?.pause;
  if (task.loopControl !== undefined && typeof pause === 'object') {
    resolved = { ...resolved, loopControl: { ...task.loopControl, pause: Number(keywordValue('pause', pause, vars, where)) } };
  }
  if (task.asyncWritten !== undefined) resolved = { ...resolved, async: resolveAsync(task, task.asyncWritten, vars, where), asyncWritten: undefined };
  return resolved;
}

/** async / poll written as templates, on one host: async 0 is a normal task; a module that cannot take them fails. */
function resolveAsync(task: Task, written: AsyncWritten, vars: Vars, where: TemplateWhere): AsyncKeywords | undefined {
  const value = (key: 'async' | 'poll', v: number | KeywordTemplate): number => (typeof v === 'number' ? v : Number(keywordValue(key, v, vars, where)));
  const limitS = value('async', written.limitS);
  const poll = value('poll', written.poll);
  const module = findModule(task.module);
  if (limitS <= 0 || module === undefined) return undefined;
  const refused = asyncRefusal(module);
  // Ansible's action plugin refuses async with these words
  if (refused !== undefined) throw new KplayError('input', 'async is not supported for this task.', { loc: task.loc, hint: refused.hint });
  return { limitS, poll };
}
