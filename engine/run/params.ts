// Runtime parameter check: after templates are rendered, apply the module's defaults, coerce as Ansible does
// ('yes' -> true, '8' -> 8) and reject what still does not fit the schema.
import { Value } from '@sinclair/typebox/value';
import type { ModuleDef } from '../../modules/contract.js';
import { dict, hasKey, ownValue } from '../core/dict.js';
import { PyFloat } from '../core/pyfloat.js';
import { Secret } from '../core/secret.js';
import { pyRepr, pyStr } from '../template/values.js';
import { choicesOf, missingRequired } from '../validate/param-check.js';

export type ParamCheck = { ok: true; params: Record<string, unknown> } | { ok: false; msg: string };

const truthy = new Set(['yes', 'on', 'true', '1', 'y', 't']);
const falsy = new Set(['no', 'off', 'false', '0', 'n', 'f']);

export function checkParams(module: ModuleDef, raw: Readonly<Record<string, unknown>>): ParamCheck {
  const props = module.params.properties as Record<string, { type?: unknown }>;
  // set_fact and friends take any key: their schema says so with additionalProperties
  // (and a module that judges other parameters itself, as an Ansible action plugin does, keeps them)
  const open = (module.params as { additionalProperties?: unknown }).additionalProperties === true || module.otherParam !== undefined;
  const unknown = open ? [] : Object.keys(raw).filter((k) => !hasKey(props, k));
  // Ansible's words, which a role's failed_when may test
  if (unknown.length > 0) return { ok: false, msg: `Unsupported parameters for (${module.name}) module: ${unknown.join(', ')}. Supported parameters include: ${Object.keys(props).sort().join(', ')}.` };
  const given = (k: string): boolean => raw[k] !== undefined && raw[k] !== null;
  const absent = missingRequired(module.params, given);
  if (absent.length > 0) return { ok: false, msg: module.missingMessage ?? `missing required arguments: ${absent.join(', ')}` };
  // the rules validate could only check for values written as they are (a template may render to omit)
  const clash = (module.mutuallyExclusive ?? []).find((g) => g.filter(given).length > 1);
  if (clash !== undefined) return { ok: false, msg: `parameters are mutually exclusive: ${clash.filter(given).join('|')}` };
  const missing = (module.requiredOneOf ?? []).find((g) => !g.some(given));
  if (missing !== undefined) return { ok: false, msg: `one of the following is required: ${missing.join(', ')}` };
  const coerced: Record<string, unknown> = dict();
  for (const [k, v] of Object.entries(raw)) coerced[k] = coerce(v, ownValue(props, k));
  const withDefaults = Value.Default(module.params, structuredCloneSafe(coerced)) as Record<string, unknown>;
  if (!Value.Check(module.params, withDefaults)) {
    const first = Value.Errors(module.params, withDefaults).First();
    const where = first ? first.path.replace(/^\//, '').replaceAll('/', '.') : '';
    // a schema's title says what it wants better than typebox's "Expected string to match '^(?!\s*-)'"
    const title = (first?.schema as { title?: unknown } | undefined)?.title;
    const choices = first ? choicesOf(first.schema) : undefined;
    if (choices !== undefined && first) return { ok: false, msg: `value of ${where} must be one of: ${choices.map(pyStr).join(', ')}, got: ${pyStr(first.value)}` };
    const what = typeof title === 'string' && first ? `must be ${title}; got ${JSON.stringify(first.value)}` : (first?.message ?? 'invalid parameters');
    return { ok: false, msg: `${module.name}: ${where ? `parameter ${where}: ` : ''}${what}` };
  }
  return { ok: true, params: withDefaults };
}

/** The parts of a parameter's schema that coercion follows. */
interface SchemaShape {
  readonly type?: unknown;
  readonly items?: unknown;
  readonly properties?: unknown;
  readonly anyOf?: unknown;
}

const isShape = (s: unknown): s is SchemaShape => typeof s === 'object' && s !== null;

/**
 * A value converted to its schema's type, as Ansible's argument spec converts it, into list elements and
 * suboptions too (a template's number is its text: `port: "{{ base + 1 }}"` is '8081' until here).
 */
function coerce(value: unknown, schema: SchemaShape | undefined): unknown {
  if (Array.isArray(schema?.anyOf)) return coerceToOneOf(value, schema.anyOf.filter(isShape));
  const type = schema?.type;
  if (type === 'array' && Array.isArray(value) && isShape(schema?.items)) {
    const items = schema.items;
    return value.map((v: unknown) => coerce(v, items));
  }
  if (type === 'object' && isShape(schema?.properties) && typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Secret)) {
    const props = schema.properties as Record<string, SchemaShape | undefined>;
    const out: Record<string, unknown> = dict();
    for (const [k, v] of Object.entries(value)) out[k] = coerce(v, ownValue(props, k));
    return out;
  }
  if (type === 'boolean' && typeof value === 'string') {
    const s = value.toLowerCase();
    if (truthy.has(s)) return true;
    if (falsy.has(s)) return false;
  }
  // a whole-number float is the number a module reads, its text for a string; a parameter of any type keeps it, and
  // an int parameter refuses it (left as it is), as Ansible's check_type_int does
  if (value instanceof PyFloat && type !== undefined && type !== 'integer') return type === 'string' ? pyStr(value) : value.value;
  if ((type === 'integer' || type === 'number') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value);
  }
  if (type === 'array' && typeof value === 'string') {
    return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  // Python's str(): True, not true
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return pyStr(value);
  // a list or mapping given for a string becomes Python's text of it, as Ansible's check_type_str does
  if (type === 'string' && typeof value === 'object' && value !== null && !(value instanceof Secret)) return pyRepr(value);
  return value;
}

/** For a union: a list by its list member (uri's status_code), text by its number member when no text is allowed. */
function coerceToOneOf(value: unknown, members: readonly SchemaShape[]): unknown {
  const list = members.find((m) => m.type === 'array');
  if (Array.isArray(value) && list !== undefined) return coerce(value, list);
  if (typeof value !== 'string' || members.some((m) => m.type === 'string')) return value;
  const numeric = members.find((m) => m.type === 'integer' || m.type === 'number');
  return numeric === undefined ? value : coerce(value, numeric);
}

/** Values may hold class instances (Secret): clone plain containers only. */
function structuredCloneSafe(v: Record<string, unknown>): Record<string, unknown> {
  return dict(v);
}
