// Checks a playbook or task file against the playbook JSON Schema with ajv, turning its errors into located,
// plain-worded problems (one per faulty value, not one per schema branch).
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { SourceLoc } from '../core/location.js';
import { locAtPath } from '../yaml/positions.js';
import type { Problems } from './problems.js';
import { loadValidators, type PlaybookValidators } from './schema-validators.js';
import { didYouMean } from '../core/suggest.js';

let compiled: PlaybookValidators | undefined;

function validators(): PlaybookValidators {
  compiled ??= loadValidators();
  return compiled;
}

/** How a value reads in a message: `the string "x"`, `a list`, ... */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return typeof v === 'number' ? `the number ${v}` : JSON.stringify(v) ?? 'a value';
}

function segments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `become`, `tags[1]`, `the task` ... the name a message gives the value at a path. */
function nameAt(segs: readonly string[]): string {
  let i = segs.length - 1;
  let suffix = '';
  while (i >= 0 && /^\d+$/.test(segs[i] ?? '')) {
    suffix = `[${segs[i] ?? ''}]${suffix}`;
    i--;
  }
  const key = i >= 0 ? segs[i] : undefined;
  if (key === undefined) return suffix ? `entry ${suffix}` : 'the file';
  return `"${key}"${suffix}`;
}

function constChoices(schema: unknown): string[] | undefined {
  const branches = (schema as { anyOf?: unknown[] } | undefined)?.anyOf;
  if (!branches) return undefined;
  const out: string[] = [];
  for (const b of branches) {
    const c = (b as { const?: unknown }).const;
    if (typeof c !== 'string') return undefined;
    out.push(c);
  }
  return out;
}

function report(errors: readonly ErrorObject[], root: unknown, problems: Problems, fallback: SourceLoc | undefined): void {
  // a union's own error explains its value; its branches' errors (at the same path or below) are noise
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const under = (p: string, u: string): boolean => p === u || p.startsWith(`${u}/`);
  const done = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'additionalProperties') continue; // unknown keys: checked with did-you-mean
    if (e.keyword !== 'anyOf' && unions.some((u) => under(e.instancePath, u))) continue;
    // a union holding a union (include_role: text or options, one of them a boolean): the inner one says more
    if (e.keyword === 'anyOf' && unions.some((u) => u !== e.instancePath && under(u, e.instancePath))) continue;
    const segs = segments(e.instancePath);
    // a scalar file (no positions kept) is located at its start
    const loc = locAtPath(root, segs) ?? fallback;
    if (e.keyword === 'required') {
      const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
      const hint = missing === 'hosts' ? 'add `hosts: all` (or a group, a host, a pattern like web:&prod)' : undefined;
      problems.add(missing === 'hosts' ? 'this play has no "hosts"' : `${nameAt(segs)} is missing "${missing}"`, loc, hint);
      continue;
    }
    if (done.has(e.instancePath)) continue;
    done.add(e.instancePath);
    const schema = e.parentSchema as { title?: string } | undefined;
    const expected = schema?.title ?? e.message ?? 'something else';
    const choices = constChoices(e.parentSchema);
    const hint = choices && typeof e.data === 'string' ? didYouMean(e.data, choices) : undefined;
    problems.add(`${nameAt(segs)} must be ${expected}, got ${describeValue(e.data)}`, loc, hint);
  }
}

/** Check a whole playbook file's value (a list of plays). */
export function checkPlaybookShape(value: unknown, problems: Problems, fallback?: SourceLoc): void {
  const v = validators().playbook;
  if (!v(value)) report(v.errors ?? [], value, problems, fallback);
}

/** Check a task file's value (a list of tasks: role tasks/main.yml, import_tasks, handlers). */
export function checkTaskFileShape(value: unknown, problems: Problems, fallback?: SourceLoc): void {
  const v = validators().taskFile;
  if (!v(value)) report(v.errors ?? [], value, problems, fallback);
}
