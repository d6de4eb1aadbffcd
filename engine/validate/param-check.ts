// Checks one value against a module parameter's schema with Ansible's lenient conversions ('yes' is a boolean,
// '8' an integer, 'a,b' a list), skipping anything that holds a template: those are only known at run time.
import { numberOf, PyFloat } from '../core/pyfloat.js';
import { UnsafeText } from '../core/unsafe.js';
import { didYouMean } from '../core/suggest.js';
import type { TSchema } from '@sinclair/typebox';
import { ansibleChoicesOf } from '../../modules/common/schema.js';

/** The subset of JSON Schema that typebox module schemas use. */
export interface ParamSchema {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly ParamSchema[];
  readonly oneOf?: readonly ParamSchema[];
  readonly items?: ParamSchema;
  readonly properties?: Readonly<Record<string, ParamSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | ParamSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
  readonly pattern?: string;
  readonly title?: string;
}

/** What is wrong with a value: a sentence fragment ("must be ...") and maybe a hint; `path` names the part. */
export interface ValueFault {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string | undefined;
  /** Ansible accepts the value (a mapping in a string parameter becomes its text): said, not refused */
  readonly warning?: true | undefined;
}

/** A template, or `!unsafe` text (known as a string only once rendered): both are checked at run time. */
export function hasTemplate(v: unknown): boolean {
  return v instanceof UnsafeText || (typeof v === 'string' && /\{\{|\{%/.test(v));
}

const BOOL_WORDS = new Set(['yes', 'no', 'on', 'off', 'true', 'false', 'y', 'n', 't', 'f', '1', '0']);

/** The values a schema of literals allows (a parameter's `choices`), else undefined. */
export function choicesOf(s: ParamSchema): unknown[] | undefined {
  if (s.enum) return [...s.enum];
  const branches = s.anyOf ?? s.oneOf;
  if (!branches || branches.length === 0) return undefined;
  const out: unknown[] = [];
  for (const b of branches) {
    if (!('const' in b)) return undefined;
    out.push(b.const);
  }
  return out;
}

/** The required parameters not given that have no default: `given` says whether a parameter was given. */
export function missingRequired(schema: ParamSchema, given: (name: string) => boolean): string[] {
  return (schema.required ?? []).filter((r) => !given(r) && schema.properties?.[r]?.default === undefined);
}

/** "a string", "a list of strings", "one of a, b" ... */
export function describeSchema(s: ParamSchema): string {
  const choices = choicesOf(s);
  if (choices) return `one of ${choices.map(scalarText).join(', ')}`;
  if ('const' in s) return JSON.stringify(s.const);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.map(describeSchema).join(' or ');
  const t = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (t) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean (true/false, yes/no)';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'array':
      return s.items ? `a list of ${describeSchema(s.items).replace(/^an? /, '')}s` : 'a list';
    case 'object':
      return 'a mapping';
    case 'null':
      return 'empty';
    default:
      return 'a value of another kind';
  }
}

function got(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object' && !(v instanceof PyFloat)) return 'a mapping';
  if (typeof v === 'string') return `"${v}"`;
  return scalarText(v);
}

/** A scalar's text for comparisons and messages (numbers and booleans as YAML writes them). */
function scalarText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof PyFloat) return String(v);
  return JSON.stringify(v) ?? '';
}

/** Faults of `value` against `schema` (empty when it fits, or when it holds a template). */
export function checkValue(schema: ParamSchema, value: unknown, path: readonly (string | number)[] = []): ValueFault[] {
  if (value === null || value === undefined || hasTemplate(value)) return [];
  const choices = choicesOf(schema);
  if (choices) {
    if (choices.some((c) => c === value || (typeof c === 'string' && scalarText(value) === c))) return [];
    // a choice Ansible has that kplay does not implement is said as such; other values get Ansible's whole list
    const ansible = ansibleChoicesOf(schema as unknown as TSchema);
    if (ansible?.includes(scalarText(value)) === true) {
      return [{ path, message: `"${scalarText(value)}" is one of Ansible's choices that kplay does not implement (kplay has: ${choices.map(scalarText).join(', ')})` }];
    }
    const words = ansible !== undefined ? [...ansible] : choices.map(scalarText);
    const hint = typeof value === 'string' ? didYouMean(value, words) : undefined;
    return [{ path, message: `must be one of ${words.join(', ')}; got ${got(value)}`, hint }];
  }
  if ('const' in schema) return schema.const === value ? [] : [{ path, message: `must be ${JSON.stringify(schema.const)}; got ${got(value)}` }];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    if (branches.some((b) => checkValue(b, value, path).length === 0)) return [];
    return [{ path, message: `must be ${describeSchema(schema)}; got ${got(value)}` }];
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types.length === 0) return [];
  let lastFault: ValueFault[] = [];
  for (const t of types) {
    const faults = checkType(t, schema, value, path);
    if (faults.length === 0) return [];
    lastFault = faults;
  }
  return lastFault;
}

function wrong(schema: ParamSchema, value: unknown, path: readonly (string | number)[]): ValueFault[] {
  return [{ path, message: `must be ${describeSchema(schema)}; got ${got(value)}` }];
}

function checkType(t: string, schema: ParamSchema, value: unknown, path: readonly (string | number)[]): ValueFault[] {
  switch (t) {
    case 'string':
      // Ansible turns numbers and booleans into strings, and lists and mappings into their Python text: the run
      // does the same, and validate says so
      if (typeof value === 'object' && !(value instanceof PyFloat)) {
        return [{ path, message: `is a string: Ansible and kplay pass ${got(value)} as its Python text`, hint: 'quote the value if the text is what you mean, or use the parameter that takes a list or mapping', warning: true }];
      }
      // a pattern (e.g. "not an option") says what it wants in its title
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(scalarText(value))) {
        return [{ path, message: `must be ${schema.title ?? `a string matching ${schema.pattern}`}; got ${got(value)}` }];
      }
      return [];
    case 'boolean':
      if (typeof value === 'boolean') return [];
      if ((typeof value === 'string' && BOOL_WORDS.has(value.toLowerCase())) || value === 0 || value === 1) return [];
      return wrong(schema, value, path);
    case 'integer':
    case 'number': {
      const n = numberOf(value) ?? (typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN);
      if (Number.isNaN(n) || (t === 'integer' && !Number.isInteger(n))) return wrong(schema, value, path);
      if (schema.minimum !== undefined && n < schema.minimum) return [{ path, message: `must be at least ${schema.minimum}; got ${n}` }];
      if (schema.maximum !== undefined && n > schema.maximum) return [{ path, message: `must be at most ${schema.maximum}; got ${n}` }];
      return [];
    }
    case 'array': {
      // a comma-separated string or a single scalar becomes a list, as Ansible's type=list does
      const items = Array.isArray(value)
        ? value
        : typeof value === 'string'
          ? value.split(',').map((s) => s.trim())
          : typeof value === 'number'
            ? [String(value)]
            : undefined;
      if (!items) return wrong(schema, value, path);
      const item = schema.items;
      if (!item) return [];
      return items.filter((v) => v !== '').flatMap((v, i) => checkValue(item, v, [...path, i]));
    }
    case 'object': {
      if (typeof value === 'string') return []; // Ansible parses "k=v" / JSON text into a mapping
      if (typeof value !== 'object' || Array.isArray(value)) return wrong(schema, value, path);
      return checkObject(schema, value as Record<string, unknown>, path);
    }
    case 'null':
      return [];
    default:
      return [];
  }
}

/** Unknown keys (unless additionalProperties allows them), required keys without a default, each property's value. */
export function checkObject(schema: ParamSchema, obj: Record<string, unknown>, path: readonly (string | number)[]): ValueFault[] {
  const props = schema.properties ?? {};
  const names = Object.keys(props);
  const faults: ValueFault[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const p = Object.hasOwn(props, k) ? props[k] : undefined;
    if (p) faults.push(...checkValue(p, v, [...path, k]));
    else if (schema.additionalProperties === true || typeof schema.additionalProperties === 'object') {
      if (typeof schema.additionalProperties === 'object') faults.push(...checkValue(schema.additionalProperties, v, [...path, k]));
    } else if (schema.properties) {
      faults.push({ path: [...path, k], message: 'is not a known key', hint: didYouMean(k, names, 'known keys') });
    }
  }
  for (const r of schema.required ?? []) {
    if (!Object.hasOwn(obj, r) && props[r]?.default === undefined) faults.push({ path, message: `needs "${r}"` });
  }
  return faults;
}
