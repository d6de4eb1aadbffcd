// Jinja2's namespace(): an object whose attributes `{% set ns.name = value %}` changes, so that what a loop or a
// block sets is seen after it (a plain `{% set %}` inside a loop is local to the loop).
import { TemplateRuntimeError } from './undefined.js';
import { Callable, PyObject, isDict, pyRepr } from './values.js';

export class Namespace extends PyObject {
  readonly pyType = 'Namespace';
  private readonly attrs = new Map<string, unknown>();

  constructor(initial: Iterable<[string, unknown]>) {
    super();
    for (const [name, value] of initial) this.attrs.set(name, value);
  }

  str(): string {
    return this.repr();
  }

  repr(): string {
    return `<Namespace {${[...this.attrs].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}>`;
  }

  compareTo(): undefined {
    return undefined;
  }

  attr(name: string): unknown {
    return this.attrs.get(name);
  }

  set(name: string, value: unknown): void {
    this.attrs.set(name, value);
  }
}

/** namespace(mapping?, **attributes), as Jinja2's: the mapping's items first, the keyword arguments over them. */
export const NAMESPACE = new Callable('namespace', (args, kwargs) => {
  const [first] = args;
  if (args.length > 1 || (first !== undefined && !isDict(first))) throw new TemplateRuntimeError('namespace() takes at most one mapping, and keyword arguments');
  return new Namespace([...Object.entries(first ?? {}), ...Object.entries(kwargs)]);
});
