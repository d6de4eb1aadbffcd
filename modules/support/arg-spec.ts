// Ansible's ArgumentSpecValidator for validate_argument_spec and roles' meta/argument_specs: parameters checked
// against an argument spec (types with Ansible's conversions, elements, choices, required, defaults, aliases and
// sub-options), with Ansible's error messages in Ansible's order.

/** One option of a spec, as written in meta/argument_specs.yml. */
type OptionSpec = Readonly<Record<string, unknown>>;
type Spec = Readonly<Record<string, OptionSpec>>;
type Params = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python's type(value), as Ansible's messages print it. */
function pyType(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === 'boolean') return "<class 'bool'>";
  if (typeof v === 'number') return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (typeof v === 'string') return "<class 'str'>";
  if (Array.isArray(v)) return "<class 'list'>";
  return "<class 'dict'>";
}

const BOOLEANS_TRUE = ['y', 'yes', 'on', '1', 'true', 't'];
const BOOLEANS_FALSE = ['n', 'no', 'off', '0', 'false', 'f'];

/** Python's str() of a value (a list or dict as Python writes it). */
function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
}

function pyRepr(v: unknown): string {
  if (typeof v === 'string') return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return pyStr(v);
}

class Invalid extends Error {}

/** Ansible's check_type_* by type name; throws Invalid with the checker's words. */
function convert(type: string, v: unknown): unknown {
  switch (type) {
    case 'str':
      return pyStr(v);
    case 'path':
      return pyStr(v);
    case 'raw':
      return v;
    case 'list':
      if (Array.isArray(v)) return v;
      if (typeof v === 'string') return v.split(',');
      if (typeof v === 'number') return [String(v)];
      throw new Invalid(`${pyType(v)} cannot be converted to a list`);
    case 'dict':
      if (isRecord(v)) return v;
      if (typeof v === 'string') return stringDict(v);
      throw new Invalid(`${pyType(v)} cannot be converted to a dict`);
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' || typeof v === 'number') {
        const s = String(v).toLowerCase();
        if (BOOLEANS_TRUE.includes(s)) return true;
        if (BOOLEANS_FALSE.includes(s)) return false;
        throw new Invalid(`The value '${String(v)}' is not a valid boolean.  Valid booleans include: ${[...BOOLEANS_TRUE, ...BOOLEANS_FALSE].map((b) => `'${b}'`).join(', ')}`);
      }
      throw new Invalid(`${pyType(v)} cannot be converted to a bool`);
    case 'int':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && /^\s*[-+]?\d+(_\d+)*\s*$/.test(v)) return Number.parseInt(v.replaceAll('_', ''), 10);
      throw new Invalid(`${pyType(v)} cannot be converted to an int`);
    case 'float':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v.trim()))) return Number(v.trim());
      throw new Invalid(`${pyType(v)} cannot be converted to a float`);
    case 'jsonarg':
    case 'json':
      if (typeof v === 'string') return v.trim();
      if (Array.isArray(v) || isRecord(v)) return JSON.stringify(v);
      throw new Invalid(`${pyType(v)} cannot be converted to a json string`);
    default:
      // bytes, bits and others: the value as given
      return v;
  }
}

/** check_type_dict's string forms: JSON, or key=value pairs. */
function stringDict(v: string): Record<string, unknown> {
  if (v.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (isRecord(parsed)) return parsed;
    } catch {
      // not JSON
    }
    throw new Invalid('unable to evaluate string as dictionary');
  }
  if (!v.includes('=')) throw new Invalid('dictionary requested, could not parse JSON or key=value');
  const fields: string[] = [];
  let buf = '';
  let quote: string | undefined;
  let escape = false;
  for (const c of v.trim()) {
    if (escape) {
      buf += c;
      escape = false;
    } else if (c === '\\') escape = true;
    else if (quote === undefined && (c === "'" || c === '"')) quote = c;
    else if (quote === c) quote = undefined;
    else if (quote === undefined && (c === ',' || c === ' ')) {
      if (buf !== '') fields.push(buf);
      buf = '';
    } else buf += c;
  }
  if (buf !== '') fields.push(buf);
  return Object.fromEntries(fields.map((f) => [f.slice(0, Math.max(0, f.indexOf('='))), f.slice(f.indexOf('=') + 1)]));
}

function context(options: readonly string[]): string {
  return options.join(' -> ');
}

/** The aliases of a spec: alias -> option. */
function aliasesOf(spec: Spec): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, o] of Object.entries(spec)) {
    const aliases = o.aliases;
    if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') out.set(a, name);
  }
  return out;
}

/** Validate parameters against a spec; the error messages in Ansible's order (none: valid). */
export function validateArgumentSpec(spec: Spec, parameters: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  const unsupported: string[] = [];
  const supported = new Map<string, { params: string[]; aliases: string[] }>();
  validateLevel(spec, { ...parameters }, [], errors, unsupported, supported);
  if (unsupported.length > 0) {
    const last = unsupported[unsupported.length - 1] ?? '';
    const s = supported.get(last) ?? { params: [], aliases: [] };
    const aliases = s.aliases.length > 0 ? ` (${[...s.aliases].sort().join(', ')})` : '';
    errors.push(`${[...unsupported].sort().join(', ')}. Supported parameters include: ${[...s.params].sort().join(', ')}${aliases}.`);
  }
  return errors;
}

function validateLevel(spec: Spec, params: Params, ctx: readonly string[], errors: string[], unsupported: string[], supported: Map<string, { params: string[]; aliases: string[] }>): void {
  const aliases = aliasesOf(spec);
  for (const [alias, name] of aliases) if (alias in params && !(name in params)) params[name] = params[alias];
  const legal = [...aliases.keys(), ...Object.keys(spec)];
  for (const k of Object.keys(params)) {
    if (legal.includes(k)) continue;
    const key = ctx.length > 0 ? [...ctx, k].join('.') : k;
    unsupported.push(key);
    supported.set(key, { params: legal.filter((l) => !aliases.has(l)), aliases: [...aliases.keys()] });
  }
  for (const [name, o] of Object.entries(spec)) if (!(name in params) && o.default !== undefined && o.default !== null) params[name] = o.default;
  const missing = Object.entries(spec)
    .filter(([name, o]) => o.required === true && !(name in params))
    .map(([name]) => name)
    .sort();
  if (missing.length > 0) errors.push(`missing required arguments: ${missing.join(', ')}${ctx.length > 0 ? ` found in ${context(ctx)}` : ''}`);
  for (const [name, o] of Object.entries(spec)) {
    const value = params[name];
    if (!(name in params) || value === null || value === undefined) continue;
    const type = typeof o.type === 'string' ? o.type : 'str';
    try {
      params[name] = convert(type, value);
      const elements = typeof o.elements === 'string' ? o.elements : undefined;
      const list = params[name];
      if (elements !== undefined && Array.isArray(list)) {
        params[name] = list.map((item: unknown): unknown => {
          try {
            return convert(elements, item);
          } catch (err) {
            if (!(err instanceof Invalid)) throw err;
            errors.push(`Elements value for option '${name}'${ctx.length > 0 ? ` found in '${context(ctx)}'` : ''} is of type ${pyType(item)} and we were unable to convert to ${elements}: ${err.message}`);
            return item;
          }
        });
      }
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      errors.push(`argument '${name}' is of type ${pyType(value)}${ctx.length > 0 ? ` found in '${context(ctx)}'.` : ''} and we were unable to convert to ${type}: ${err.message}`);
    }
  }
  for (const [name, o] of Object.entries(spec)) {
    const choices = o.choices;
    if (!Array.isArray(choices) || !(name in params)) continue;
    const value = params[name];
    const shown = choices.map(pyStr).join(', ');
    const where = ctx.length > 0 ? ` found in ${context(ctx)}` : '';
    if (Array.isArray(value)) {
      const off = value.filter((v) => !choices.some((c) => pyEqual(c, v)));
      if (off.length > 0) errors.push(`value of ${name} must be one or more of: ${shown}. Got no match for: ${off.map(pyStr).join(', ')}${where}`);
    } else if (!choices.some((c) => pyEqual(c, value))) errors.push(`value of ${name} must be one of: ${shown}, got: ${pyStr(value)}${where}`);
  }
  for (const [name, o] of Object.entries(spec)) {
    const sub = o.options;
    if (!isRecord(sub) || !(name in params)) continue;
    const value = params[name];
    const subSpec = sub as Spec;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (isRecord(item)) validateLevel(subSpec, { ...item }, [...ctx, name], errors, unsupported, supported);
    }
  }
}

/** Python's == between a choice and a value (1 == True, '1' != 1). */
function pyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b) && typeof a !== 'string' && typeof b !== 'string';
  return a === b;
}
