// lineinfile's edit as a pure function of the file's text: Ansible's rules for matching, replacing and inserting.
import { compilePythonOnce } from '../../engine/core/python-regex.js';

export interface LineEdit {
  readonly state: 'present' | 'absent';
  readonly line?: string | undefined;
  readonly regexp?: string | undefined;
  readonly searchString?: string | undefined;
  readonly insertafter?: string | undefined;
  readonly insertbefore?: string | undefined;
  readonly backrefs?: boolean | undefined;
  readonly firstmatch?: boolean | undefined;
}

export interface EditResult {
  readonly text: string;
  /** "line added", "line replaced", "2 line(s) removed", or undefined when nothing changes */
  readonly msg: string | undefined;
}

/** Python's Match.expand: \1, \g<1>, \g<name> in the replacement line. */
function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2}))/g, (_all, g: string | undefined, n: string | undefined) => {
    const key = g ?? n ?? '';
    const v = /^\d+$/.test(key) ? m[Number(key)] : m.groups?.[key];
    return v ?? '';
  });
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(/(?<=\n)/);
  return parts;
}

const bare = (l: string): string => l.replace(/\r?\n$/, '');

export function editLines(text: string, e: LineEdit): EditResult {
  const lines = splitLines(text);
  const re = e.regexp !== undefined ? compilePythonOnce(e.regexp) : undefined;
  const matches = (l: string): boolean => (re ? re.test(bare(l)) : e.searchString !== undefined ? bare(l).includes(e.searchString) : bare(l) === e.line);

  if (e.state === 'absent') {
    const kept = lines.filter((l) => !matches(l));
    const removed = lines.length - kept.length;
    return { text: kept.join(''), msg: removed > 0 ? `${removed} line(s) removed` : undefined };
  }

  const line = e.line ?? '';
  let found = -1;
  lines.forEach((l, i) => {
    if ((found < 0 || e.firstmatch !== true) && matches(l)) found = i;
  });
  if (found >= 0) {
    const m = re?.exec(bare(lines[found] ?? ''));
    const newLine = (e.backrefs === true && m ? expand(line, m) : line) + '\n';
    if (lines[found] === newLine || bare(lines[found] ?? '') === bare(newLine)) return { text, msg: undefined };
    lines[found] = newLine;
    return { text: lines.join(''), msg: 'line replaced' };
  }
  // backrefs with no match: Ansible leaves the file alone
  if (e.backrefs === true) return { text, msg: undefined };
  // with a regexp that matches nothing, the exact line may still be there already
  if ((re || e.searchString !== undefined) && lines.some((l) => bare(l) === line)) return { text, msg: undefined };

  const at = insertionIndex(lines, e);
  if (lines.length > 0 && at === lines.length && !(lines[lines.length - 1] ?? '').endsWith('\n')) lines[lines.length - 1] += '\n';
  lines.splice(at, 0, `${line}\n`);
  return { text: lines.join(''), msg: 'line added' };
}

function insertionIndex(lines: readonly string[], e: LineEdit): number {
  if (e.insertbefore === 'BOF' || e.insertafter === 'BOF') return 0;
  const pattern = e.insertbefore ?? (e.insertafter !== 'EOF' ? e.insertafter : undefined);
  if (pattern === undefined) return lines.length;
  const re = compilePythonOnce(pattern);
  let at = -1;
  lines.forEach((l, i) => {
    if ((at < 0 || e.firstmatch !== true) && re.test(bare(l))) at = i;
  });
  if (at < 0) return lines.length;
  return e.insertbefore !== undefined ? at : at + 1;
}
