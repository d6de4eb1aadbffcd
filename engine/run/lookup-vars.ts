// The lookups that read variables and the inventory: vars, varnames, env, inventory_hostnames.
import { Callable, isDict, pyStr } from '../template/values.js';
import { pyRegex } from '../template/regex.js';
import { InventoryData } from '../inventory/model.js';
import { PatternMatcher } from '../inventory/patterns.js';
import { ownValue } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import { UndefinedUse } from '../template/undefined.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';

const own = (d: object, k: string): boolean => Object.prototype.hasOwnProperty.call(d, k);

/** The host's own variable `name` (a task variable, else its hostvars entry), rendered; undefined when it has none. */
function variable(vars: Record<string, unknown>, name: string): { value: unknown } | undefined {
  if (own(vars, name)) return { value: vars[name] };
  const hostvars = vars.hostvars;
  const me = typeof vars.inventory_hostname === 'string' && isDict(hostvars) ? hostvars[vars.inventory_hostname] : undefined;
  return isDict(me) && own(me, name) ? { value: me[name] } : undefined;
}

const isUndefinedError = (err: unknown): boolean => err instanceof UndefinedUse || (err instanceof InputError && err.cause instanceof UndefinedUse);

const vars: LookupPlugin = (terms, kwargs, ctx) =>
  termList(terms).map((term) => {
    if (typeof term !== 'string') throw new LookupFailure(`Invalid setting identifier, "${pyStr(term)}" is not a string, its a ${typeof term}`);
    const hasDefault = kwargs.default !== undefined && kwargs.default !== null;
    const found = variable(ctx.vars, term);
    if (found === undefined) {
      if (hasDefault) return kwargs.default;
      throw new LookupFailure(`No variable found with this name: ${term}`);
    }
    try {
      return ctx.render(found.value);
    } catch (err) {
      if (hasDefault && isUndefinedError(err)) return kwargs.default;
      throw err;
    }
  });

const varnames: LookupPlugin = (terms, _kw, ctx) => {
  // the variables, not the template functions kplay adds beside them
  const names = Object.keys(ctx.vars).filter((k) => !(ctx.vars[k] instanceof Callable));
  return termList(terms).flatMap((term) => {
    if (typeof term !== 'string') throw new LookupFailure(`Invalid setting identifier, "${pyStr(term)}" is not a string, it is a ${typeof term}`);
    let re: RegExp;
    try {
      re = pyRegex(term);
    } catch (err) {
      throw new LookupFailure(`Unable to use "${term}" as a search parameter: ${err instanceof Error ? err.message : String(err)}`);
    }
    return names.filter((n) => re.test(n));
  });
};

const env: LookupPlugin = (terms, kwargs) => {
  const dflt = kwargs.default ?? '';
  return termList(terms).map((t) => {
    const name = pyStr(t).trim().split(/\s+/)[0] ?? '';
    // own keys only: process.env inherits constructor, __proto__, ... from Object.prototype
    return ownValue(process.env, name) ?? dflt;
  });
};

/** An inventory of the `groups` variable only, as Ansible's plugin builds one, matched against the patterns. */
const inventoryHostnames: LookupPlugin = (terms, _kw, ctx) => {
  const groups = ctx.vars.groups;
  if (!isDict(groups)) return [];
  const inv = new InventoryData();
  for (const [group, hosts] of Object.entries(groups)) {
    inv.addGroup(group);
    for (const h of Array.isArray(hosts) ? (hosts as unknown[]) : []) inv.addHost(pyStr(h), group);
  }
  try {
    return new PatternMatcher(inv).select(termList(terms).map(pyStr)).hosts.map((h) => h.name);
  } catch {
    return [];
  }
};

export const VAR_LOOKUPS = { vars, varnames, env, inventory_hostnames: inventoryHostnames } as const satisfies Record<string, LookupPlugin>;
