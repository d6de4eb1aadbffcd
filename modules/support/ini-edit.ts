// community.general.ini_file's edit of a file's text, as a pure function: the same list operations over the same
// lines (a fake section first, a '[' last), so its quirks come out the same: a new file starts with an empty line,
// commented-out occurrences of the option are rewritten or dropped, a section matches by prefix.

export interface IniEdit {
  readonly section?: string | undefined;
  readonly option?: string | undefined;
  readonly values: readonly string[];
  readonly state: 'present' | 'absent';
  readonly exclusive: boolean;
  readonly noExtraSpaces: boolean;
  readonly allowNoValue: boolean;
}

export interface IniResult {
  readonly text: string;
  readonly changed: boolean;
  readonly msg: string;
}

const FAKE_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Python's re.match of ini_file's option patterns on a line (its newline aside): the value, or undefined. */
function matcher(option: string, commented: boolean): (line: string) => string | undefined {
  const re = new RegExp(`^${commented ? '[#;]?' : ''}[ \\t]*(${escapeRegex(option)})[ \\t]*(=|$)[ \\t]*(.*)`);
  return (line) => {
    const m = re.exec(line.replace(/\n$/, ''));
    return m === null ? undefined : (m[3] ?? '');
  };
}

/** Python's readlines() in text mode: universal newlines, each line with its '\n'. */
function readLines(text: string): string[] {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return t === '' ? [] : t.split(/(?<=\n)/);
}

const BLANK_OR_COMMENT = /^[ \t]*([#;].*)?$/;

/** The file's new text (original undefined: there is no file), whether it changed and Ansible's msg. */
export function editIni(original: string | undefined, e: IniEdit): IniResult {
  const values: string[] = [];
  for (const v of e.values) if (!values.includes(v)) values.push(v);
  const { option, state } = e;
  const format = (opt: string, value: string): string => (e.noExtraSpaces ? `${opt}=${value}\n` : `${opt} = ${value}\n`);
  const ini = readLines(original ?? '');
  let changed = false;
  if (ini.length === 0) ini.push('\n');
  const last = ini.length - 1;
  if (!(ini[last] ?? '').endsWith('\n')) {
    ini[last] = `${ini[last] ?? ''}\n`;
    changed = true;
  }
  ini.unshift(`[${FAKE_SECTION}]`);
  ini.push('[');
  const section = e.section === undefined || e.section === '' ? FAKE_SECTION : e.section;
  let within = false;
  let start = 0;
  let end = 0;
  for (const [i, line] of ini.entries()) {
    if (line.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (line.startsWith('[') && within) {
      end = i;
      break;
    }
  }
  const before = ini.slice(0, start);
  let lines = ini.slice(start, end);
  const after = ini.slice(end);
  let touched = lines.map(() => false);
  let msg = 'OK';
  let noValuePresent = false;
  const update = (i: number, newline: string): void => {
    if (lines[i] !== newline) {
      changed = true;
      msg = 'option changed';
    }
    lines[i] = newline;
    touched[i] = true;
  };

  if (state === 'present' && option !== undefined && option !== '') {
    const match = matcher(option, true);
    for (const [i, line] of lines.entries()) {
      const value = match(line);
      if (value === undefined) continue;
      if (values.length > 0 && values.includes(value)) {
        if (value === '' && e.allowNoValue) {
          update(i, `${option}\n`);
          noValuePresent = true;
        } else update(i, format(option, value));
        values.splice(values.indexOf(value), 1);
      } else if (values.length === 0 && e.allowNoValue) {
        update(i, `${option}\n`);
        noValuePresent = true;
        break;
      }
    }
  }

  if (state === 'present' && e.exclusive && !e.allowNoValue && option !== undefined) {
    const match = matcher(option, true);
    if (values.length > 0) {
      for (const [i, line] of lines.entries()) {
        if (touched[i] === true || match(line) === undefined) continue;
        update(i, format(option, values.shift() ?? ''));
        if (values.length === 0) break;
      }
    }
    for (let i = lines.length - 1; i > 0; i--) {
      if (touched[i] !== true && match(lines[i] ?? '') !== undefined) {
        lines.splice(i, 1);
        touched.splice(i, 1);
        changed = true;
        msg = 'option changed';
      }
    }
  }

  if (state === 'present') {
    for (let i = lines.length; i > 0; i--) {
      if (BLANK_OR_COMMENT.test((lines[i - 1] ?? '').replace(/\n$/, ''))) continue;
      if (option !== undefined && option !== '' && values.length > 0) {
        lines.splice(i, 0, ...values.map((v) => format(option, v)));
        msg = 'option added';
        changed = true;
      } else if (option !== undefined && option !== '' && values.length === 0 && e.allowNoValue && !noValuePresent) {
        lines.splice(i, 0, `${option}\n`);
        msg = 'option added';
        changed = true;
      }
      break;
    }
  }

  if (state === 'absent') {
    if (option !== undefined && option !== '') {
      const active = matcher(option, false);
      const kept = e.exclusive
        ? lines.filter((l) => active(l) === undefined)
        : values.length > 0
          ? lines.filter((l) => {
              const v = active(l);
              return v === undefined || !values.includes(v);
            })
          : lines;
      if (kept.length !== lines.length) {
        changed = true;
        msg = 'option changed';
        lines = kept;
        touched = kept.map(() => false);
      }
    } else if (lines.length > 0) {
      lines = [];
      msg = 'section removed';
      changed = true;
    }
  }

  const out = [...before, ...lines, ...after];
  out.shift();
  out.pop();
  if (!within && state === 'present') {
    out.push(`[${section}]\n`);
    msg = 'section and option added';
    if (option !== undefined && option !== '' && values.length > 0) out.push(...values.map((v) => format(option, v)));
    else if (option !== undefined && option !== '' && e.allowNoValue) out.push(`${option}\n`);
    else msg = 'only section added';
    changed = true;
  }
  return { text: out.join(''), changed, msg };
}
