// Collects every input problem of a run so they are reported together (never just the first).
import { InputError, InputErrors } from '../core/errors.js';
import type { SourceLoc } from '../core/location.js';

export class Problems {
  private readonly list: InputError[] = [];
  private readonly seen = new Set<string>();
  /** findings that do not stop the run (a module kplay does not have: only the hosts that run it fail) */
  readonly warnings: InputError[] = [];

  warn(message: string, loc: SourceLoc | undefined, hint?: string): void {
    const key = `W|${loc ? `${loc.file}:${loc.line}:${loc.col}` : ''}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.warnings.push(new InputError(message, { loc, hint }));
  }

  add(message: string, loc: SourceLoc | undefined, hint?: string): void {
    const key = `${loc ? `${loc.file}:${loc.line}:${loc.col}` : ''}|${message}`;
    if (this.seen.has(key)) return; // the same file imported twice must not double its problems
    this.seen.add(key);
    this.list.push(new InputError(message, { loc, hint }));
  }

  /** Take the problems out of an error a nested loader threw (a YAML file, a vars file); rethrow anything else. */
  absorb(err: unknown): void {
    if (err instanceof InputErrors) for (const p of err.problems) this.add(p.message, p.loc, p.hint);
    else if (err instanceof InputError) this.add(err.message, err.loc, err.hint);
    else throw err;
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws InputErrors sorted by file and position, when there is anything to report. */
  throwIfAny(): void {
    if (this.list.length === 0) return;
    // files in the order their first problem was found (the playbook before the roles it uses), then by position
    const fileOrder = new Map<string, number>();
    for (const p of this.list) if (p.loc && !fileOrder.has(p.loc.file)) fileOrder.set(p.loc.file, fileOrder.size);
    const sorted = [...this.list].sort((a, b) => {
      const x = a.loc;
      const y = b.loc;
      if (!x || !y) return x ? -1 : y ? 1 : 0;
      return (fileOrder.get(x.file) ?? 0) - (fileOrder.get(y.file) ?? 0) || x.line - y.line || x.col - y.col;
    });
    throw new InputErrors(sorted);
  }
}
