// Keywords written as templates (`ignore_errors: "{{ ansible_check_mode }}"`), rendered with one host's variables
// when the task runs there, converted as Ansible's post-validation converts them (strict booleans, whole numbers).
import { KplayError } from '../core/errors.js';
import { TEMPLATED_KEYWORD_FIELDS, type KeywordTemplate, type Task, type TemplatedKeyword, type Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { taskVars } from './task-vars.js';

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);

type Converted = { readonly value: boolean | number } | { readonly error: string };

/** Python's boolean(value, strict=True) as Ansible's FieldAttribute isa='bool' applies it. */
export function toKeywordBool(v: unknown): Converted {
  if (typeof v === 'boolean') return { value: v };
  if (v === 1 || v === 0) return { value: v === 1 };
  const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (s !== undefined && TRUE.has(s)) return { value: true };
  if (s !== undefined && FALSE.has(s)) return { value: false };
  return { error: 'could not be converted to bool' };
}

/** Python's int(value), as Ansible's FieldAttribute isa='int' applies it. */
export function toKeywordInt(v: unknown): Converted {
  if (typeof v === 'boolean') return { value: v ? 1 : 0 };
  if (typeof v === 'number' && Number.isFinite(v)) return { value: Math.trunc(v) };
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return { value: Number(v) };
  return { error: 'could not be converted to int' };
}

const INT_KEYWORDS: ReadonlySet<TemplatedKeyword> = new Set(['timeout', 'retries', 'delay']);


/** One templated keyword's value for these variables; a value Ansible would refuse is an error that fails the task. */
export function keywordValue(key: TemplatedKeyword, template: KeywordTemplate, vars: Vars, where: TemplateWhere): boolean | number {
  const rendered = render(template.text, vars, { ...where, loc: template.loc });
  const converted = INT_KEYWORDS.has(key) ? toKeywordInt(rendered) : toKeywordBool(rendered);
  if ('error' in converted) {
    throw new KplayError('input', `the field '${key}' has an invalid value (${String(rendered)}), and ${converted.error}`, { loc: template.loc });
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

/** The task as it runs on one host: every templated keyword rendered with that host's variables. */
export function resolveKeywords(task: Task, vars: Vars, where: TemplateWhere): Task {
  const templates = task.templates;
  if (templates === undefined) return task;
  const resolved: Record<string, boolean | number> = {};
  for (const [key, template] of Object.entries(templates) as [TemplatedKeyword, KeywordTemplate][]) {
    resolved[TEMPLATED_KEYWORD_FIELDS[key]] = keywordValue(key, template, vars, where);
  }
  return { ...task, ...resolved, templates: undefined };
}
