// community.general.pam_limits's edit of limits.conf, as a pure function over the file's lines, quirks included:
// a comment once read becomes the comment of every later rewritten or added line, with its newline.

export interface LimitEdit {
  readonly domain: string;
  readonly type: string;
  readonly item: string;
  readonly value: string;
  readonly useMax: boolean;
  readonly useMin: boolean;
  readonly comment: string;
}

export type LimitResult = { readonly text: string; readonly changed: boolean; readonly msg: string } | { readonly error: string };

const UNLIMITED = new Set(['unlimited', 'infinity', '-1']);

/** Ansible's _assert_is_valid_value: the message when a value is not one limits.conf takes for the item. */
export function invalidValue(item: string, value: string, prefix = ''): string | undefined {
  if (item === 'nice' || item === 'priority') {
    const n = /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (n >= -20 && n <= 19) return undefined;
    return `${prefix} Value of '${value}' for item '${item}' is invalid. Value must be a number in the range -20 to 19 inclusive. Refer to the limits.conf(5) manual pages for more details.`;
  }
  if (UNLIMITED.has(value) || /^\d+$/.test(value)) return undefined;
  return `${prefix} Value of '${value}' for item '${item}' is invalid. Value must either be 'unlimited', 'infinity' or -1, all of which indicate no limit, or a limit of 0 or larger. Refer to the limits.conf(5) manual pages for more details.`;
}

/** The file's new text (original undefined: the file is created), whether it changed, and Ansible's msg. */
export function editLimits(original: string | undefined, e: LimitEdit, file: string): LimitResult {
  const bad = invalidValue(e.item, e.value);
  if (bad !== undefined) return { error: bad };
  let changed = original === undefined;
  const lines = (original ?? '') === '' ? [] : (original ?? '').split(/(?<=\n)/);
  const out: string[] = [];
  let comment = e.comment;
  let found = false;
  let newValue = e.value;
  let message = '';
  const limitLine = (value: string): string => {
    if (comment !== '') comment = `\t#${comment}`;
    return `${e.domain}\t${e.type}\t${e.item}\t${value}${comment}\n`;
  };
  for (const line of lines) {
    if (line.startsWith('#')) {
      out.push(line);
      continue;
    }
    const squeezed = line.replace(/\s+/g, ' ').trim();
    if (squeezed === '') {
      out.push(line);
      continue;
    }
    const body = (squeezed.split('#', 1)[0] ?? '').trimEnd();
    const hash = line.indexOf('#');
    const oldComment = hash < 0 ? '' : line.slice(hash + 1);
    if (comment === '') comment = oldComment;
    const fields = body.split(' ');
    if (fields.length !== 4) {
      out.push(line);
      continue;
    }
    const [domain = '', type = '', item = '', actual = ''] = fields;
    const badLine = invalidValue(item, actual, `Invalid configuration found in '${file}'.`);
    if (badLine !== undefined) return { error: badLine };
    if (domain !== e.domain || type !== e.type || item !== e.item) {
      out.push(line);
      continue;
    }
    found = true;
    if (e.value === actual) {
      message = line;
      out.push(line);
      continue;
    }
    // Ansible compares the limit *type* with nice/priority here (never true): the unlimited words count for every item
    const actualUnlimited = UNLIMITED.has(actual);
    const valueUnlimited = UNLIMITED.has(e.value);
    if (e.useMax) newValue = actualUnlimited ? actual : valueUnlimited ? e.value : String(Math.max(Number(e.value), Number(actual)));
    if (e.useMin) newValue = actualUnlimited && valueUnlimited ? actual : actualUnlimited ? e.value : valueUnlimited ? actual : String(Math.min(Number(e.value), Number(actual)));
    if (newValue !== actual) {
      changed = true;
      const l = limitLine(newValue);
      message = l;
      out.push(l);
    } else {
      message = line;
      out.push(line);
    }
  }
  if (!found) {
    changed = true;
    const l = limitLine(newValue);
    message = l;
    out.push(l);
  }
  return { text: out.join(''), changed, msg: message };
}
