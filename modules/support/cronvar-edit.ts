// community.general.cronvar's edit of a crontab's lines (its CronVar class), pure: a variable is written NAME=value,
// unquoted, and found by its name as parse_for_var reads a line (support/cronvar-line.ts), so its value is compared
// as that reading gives it back. Quirks kept, as they decide changed: a value with blanks, quotes or a # never reads
// back equal (every run changes it); insertafter/insertbefore naming no variable adds nothing but still changes.
import { parseCronVarLine } from './cronvar-line.js';

/** Where a new variable goes: first, or after or before each line of another variable. */
export interface CronVarPlace {
  readonly insertafter?: string | undefined;
  readonly insertbefore?: string | undefined;
}

/** The lines after the edit, what the edit was, and the variable names of the result (the module's `vars`). */
export type CronVarEdit =
  | { readonly kind: 'edit'; readonly lines: readonly string[]; readonly change: 'add' | 'update' | 'remove' | undefined; readonly vars: readonly string[] }
  | { readonly kind: 'crash'; readonly exception: string };

/** The variable `name` set to `value` (undefined: removed), as cronvar's main() decides and edits. */
export function editCronVar(lines: readonly string[], name: string, value: string | undefined, place: CronVarPlace): CronVarEdit {
  // every line is read (get_var_names reads them all): a line the lexer refuses fails the module
  const read = lines.map(parseCronVarLine);
  const bad = read.find((l) => l.kind === 'error');
  if (bad?.kind === 'error') return { kind: 'crash', exception: bad.exception };
  const isVar = (i: number, n: string | undefined): boolean => {
    const l = read[i];
    return n !== undefined && l?.kind === 'var' && l.name === n;
  };
  const old = read.find((l) => l.kind === 'var' && l.name === name);
  const oldValue = old?.kind === 'var' ? old.value : undefined;
  const decl = `${name}=${value ?? ''}`;
  let after: readonly string[] = lines;
  let change: 'add' | 'update' | 'remove' | undefined;
  if (value === undefined) {
    if (oldValue !== undefined) [after, change] = [lines.filter((_l, i) => !isVar(i, name)), 'remove'];
  } else if (oldValue === undefined) {
    change = 'add';
    if (place.insertafter === undefined && place.insertbefore === undefined) after = [decl, ...lines];
    else after = lines.flatMap((l, i) => (isVar(i, place.insertbefore) ? [decl, l] : isVar(i, place.insertafter) ? [l, decl] : [l]));
  } else if (oldValue !== value) [after, change] = [lines.map((l, i) => (isVar(i, name) ? decl : l)), 'update'];
  const vars: string[] = [];
  for (const l of after.map(parseCronVarLine)) {
    if (l.kind === 'error') return { kind: 'crash', exception: l.exception };
    if (l.kind === 'var') vars.push(l.name);
  }
  return { kind: 'edit', lines: after, change, vars };
}

/** The crontab as CronVar.render writes it: the lines joined by \n, and a \n at the end unless one is there. */
export function renderCronVar(lines: readonly string[]): string {
  const result = lines.join('\n');
  return result === '' || /[\r\n]$/.test(result) ? result : `${result}\n`;
}
