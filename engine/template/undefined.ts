// The value of a name or attribute that does not exist: carried until something uses it, then an error naming it.

export class Undefined {
  /** e.g. `kvm_guests[0].memory` */
  readonly path: string;
  /** why it is undefined, e.g. "kvm_guests[0] has no key 'memory' (it has: name, vcpus)" */
  readonly reason: string | undefined;
  /** the top-level variable name, for did-you-mean */
  readonly root: string;
  /** true when the top-level variable itself is missing (not an attribute of it) */
  readonly rootMissing: boolean;

  constructor(path: string, root: string, rootMissing: boolean, reason?: string) {
    this.path = path;
    this.root = root;
    this.rootMissing = rootMissing;
    this.reason = reason;
  }

  /** the undefined value of an attribute of this one (Ansible's undefined chains: `a.b.c is defined` works) */
  child(segment: string): Undefined {
    return new Undefined(`${this.path}${segment}`, this.root, this.rootMissing, this.reason);
  }
}

/**
 * Jinja2's plain Undefined, which an inline if without else (`'x' if c`) yields when c is false (its
 * cond_expr_undefined): it prints as '' and is false, where Ansible's strict undefined would fail; `default` and
 * `is defined` see it as undefined.
 */
export class QuietUndefined extends Undefined {}

/** Thrown when an undefined value is used; index.ts turns it into an InputError with location and hint. */
export class UndefinedUse extends Error {
  readonly undef: Undefined;
  constructor(undef: Undefined, message?: string) {
    super(message ?? `'${undef.path}' is undefined${undef.reason ? `: ${undef.reason}` : ''}`);
    this.name = 'UndefinedUse';
    this.undef = undef;
  }
}

/** A fault while evaluating (wrong type for a filter, unknown filter, ...). */
export class TemplateRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateRuntimeError';
  }
}

/** Throws when v is undefined; used by every operation except `default`, `mandatory` and the defined tests. */
export function defined<T>(v: T | Undefined): T {
  if (v instanceof Undefined) throw new UndefinedUse(v);
  return v;
}

/** `[0]` for numbers, `.name` for identifiers, `['odd key']` otherwise. */
export function pathSegment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
