// Functions and constants every template can use: range, lookup('env'), dict, namespace(), now(), omit.
import { ownValue } from '../core/dict.js';
import { TemplateRuntimeError } from './undefined.js';
import { Callable, newDict, pyStr, truthy } from './values.js';
import { now, strftime } from './datetime.js';
import { NAMESPACE } from './namespace.js';

/** Placeholder `default(omit)` yields; render() drops mapping keys whose value is exactly this (as Ansible does). */
export const OMIT = '__omit_place_holder__kplay__';

function range(args: unknown[]): number[] {
  const nums = args.map(Number);
  const [start, stop, step] = nums.length === 1 ? [0, nums[0] ?? 0, 1] : [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 1];
  if (step === 0) throw new TemplateRuntimeError('range() step must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 1_000_000) throw new TemplateRuntimeError('range() too large');
  }
  return out;
}

/** lookup('env', 'NAME', ...): only lookups that read the controller's environment, never run commands. */
function lookup(args: unknown[], wantList: boolean): unknown {
  const [kind, ...terms] = args.map((a) => pyStr(a));
  if (kind === 'env') {
    const values = terms.map((t) => ownValue(process.env, t) ?? '');
    return wantList ? values : values.join(',');
  }
  throw new TemplateRuntimeError(`lookup plugin '${String(kind)}' is not supported (supported: env)`);
}

export const GLOBALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['range', new Callable('range', (args) => range(args))],
  ['lookup', new Callable('lookup', (args, kwargs) => lookup(args, kwargs.wantlist === true))],
  ['query', new Callable('query', (args) => lookup(args, true))],
  ['q', new Callable('q', (args) => lookup(args, true))],
  ['dict', new Callable('dict', (_args, kwargs) => newDict(Object.entries(kwargs)))],
  ['namespace', NAMESPACE],
  ['omit', OMIT],
  // Ansible's now(utc=False, fmt=None)
  ['now', new Callable('now', (args, kwargs) => {
    const utc = truthy(args[0] ?? kwargs.utc ?? false);
    const fmt = args[1] ?? kwargs.fmt ?? null;
    const t = now(utc);
    return fmt === null ? t : strftime(pyStr(fmt), new Date(t.us / 1000), true);
  })],
]);
