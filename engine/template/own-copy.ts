// Python methods that change a list or dict in place (append, update...) work on the template's own copies of the
// variables it reads, as Ansible's change lives only in the worker that renders one task: nothing leaks into the
// host's variables, another task or another host.
import { isUnsafe, markUnsafe } from '../core/unsafe.js';
import { asTuple, isDict, isList, isTuple, setKey, type Dict } from './values.js';

/** A call of a method that changes its list or dict: a template that has one reads its variables as copies. */
export const MUTATING_CALL = /\.\s*(?:append|extend|insert|pop|remove|update|setdefault|clear)\s*\(/;

/** A deep copy of plain lists and mappings (tuple and host-data marks kept); anything else is shared. */
export function ownCopy(value: unknown): unknown {
  if (isList(value)) {
    const out = value.map(ownCopy);
    if (isTuple(value)) asTuple(out);
    return isUnsafe(value) ? markUnsafe(out) : out;
  }
  if (!isDict(value)) return value;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  // a view read through accessors (hostvars) is shared, not read whole
  if (Object.values(descriptors).some((d) => d.get !== undefined)) return value;
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Dict;
  for (const [k, d] of Object.entries(descriptors)) setKey(out, k, ownCopy(d.value));
  return isUnsafe(value) ? markUnsafe(out) : out;
}
