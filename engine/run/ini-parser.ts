// Python's configparser.ConfigParser as Ansible's ini lookup uses it: sections, a DEFAULT section every section
// inherits, `key = value` / `key: value`, indented continuation lines, `#` and `;` full-line comments, keys
// lower-cased unless case-sensitive, strict duplicate checks, and BasicInterpolation (%(name)s, %%) on reading.
// Errors carry Python's messages; the source name is '<???>' since Ansible parses a StringIO.

export class IniError extends Error {
  constructor(
    message: string,
    /** Python's exception class: Ansible names it in some messages */
    readonly kind: 'DuplicateOptionError' | 'DuplicateSectionError' | 'MissingSectionHeaderError' | 'ParsingError' | 'InterpolationError',
  ) {
    super(message);
    this.name = 'IniError';
  }
}

export interface IniOptions {
  readonly allowNoValue: boolean;
  readonly caseSensitive: boolean;
}

/** option -> value lines (null: an option without a value) */
type Section = Map<string, string[] | null>;

const SOURCE = "'<???>'";
const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*(=|:)\s*(.*)$/;
const OPTION_NO_VALUE = /^(.*?)\s*(?:(=|:)\s*(.*))?$/;
const MAX_DEPTH = 10;

/** Python's repr of a str, for the messages. */
function repr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
  return q + (q === "'" ? body.replaceAll("'", "\\'") : body) + q;
}

const lineNo = (n: number): string => String(n).padStart(2, ' ');

export class IniFile {
  readonly defaults: Section = new Map();
  readonly sections = new Map<string, Section>();

  constructor(readonly options: IniOptions) {}

  key(name: string): string {
    return this.options.caseSensitive ? name : name.toLowerCase();
  }

  /** RawConfigParser._read: more text into this parser (a section read again gains options). */
  read(text: string): void {
    const added = new Set<string>();
    const bad: string[] = [];
    let cur: Section | undefined;
    let sectName = '';
    let opt: string | undefined;
    let indent = Number.MAX_SAFE_INTEGER;
    const lines = text.split(/(?<=\n)/);
    lines.forEach((line, i) => {
      const n = i + 1;
      const stripped = line.trim();
      const comment = stripped.startsWith('#') || stripped.startsWith(';');
      const value = comment ? '' : stripped;
      if (value === '') {
        // empty lines belong to a value (joined, then stripped at the end); a comment line adds nothing
        const v = opt !== undefined ? cur?.get(opt) : undefined;
        if (!comment && v !== undefined && v !== null) v.push('');
        return;
      }
      const level = line.search(/\S/);
      const v = opt !== undefined ? cur?.get(opt) : undefined;
      if (cur !== undefined && opt !== undefined && level > indent) {
        if (v !== undefined && v !== null) v.push(value);
        return;
      }
      indent = level;
      const head = SECTION.exec(value);
      if (head) {
        sectName = head[1] ?? '';
        const known = this.sections.get(sectName);
        if (known !== undefined) {
          if (added.has(sectName)) throw new IniError(`While reading from ${SOURCE} [line ${lineNo(n)}]: section ${repr(sectName)} already exists`, 'DuplicateSectionError');
          cur = known;
        } else if (sectName === 'DEFAULT') cur = this.defaults;
        else {
          cur = new Map();
          this.sections.set(sectName, cur);
        }
        added.add(sectName);
        opt = undefined;
        return;
      }
      if (cur === undefined) throw new IniError(`File contains no section headers.\nfile: ${SOURCE}, line: ${n}\n${repr(line)}`, 'MissingSectionHeaderError');
      const m = (this.options.allowNoValue ? OPTION_NO_VALUE : OPTION).exec(value);
      if (!m || (m[1] ?? '') === '') {
        bad.push(`\n\t[line ${lineNo(n)}]: ${repr(line)}`);
        opt = m ? '' : opt;
        return;
      }
      opt = this.key((m[1] ?? '').trimEnd());
      if (added.has(`${sectName}\0${opt}`)) {
        throw new IniError(`While reading from ${SOURCE} [line ${lineNo(n)}]: option ${repr(opt)} in section ${repr(sectName)} already exists`, 'DuplicateOptionError');
      }
      added.add(`${sectName}\0${opt}`);
      cur.set(opt, m[3] !== undefined ? [m[3].trim()] : null);
    });
    if (bad.length > 0) throw new IniError(`Source contains parsing errors: ${SOURCE}${bad.join('')}`, 'ParsingError');
  }

  /** The section's options over the defaults (undefined: no such section; DEFAULT is always there). */
  private unified(section: string): Map<string, string | null> | undefined {
    const own: Section | undefined = section === 'DEFAULT' ? new Map() : this.sections.get(section);
    if (own === undefined) return undefined;
    const out = new Map<string, string | null>();
    for (const [k, v] of [...this.defaults, ...own]) out.set(k, v === null ? null : v.join('\n').trimEnd());
    return out;
  }

  hasSection(section: string): boolean {
    return section === 'DEFAULT' || this.sections.has(section);
  }

  /** cp.get(section, option): the interpolated value, null for a valueless option, undefined when there is none. */
  get(section: string, option: string): string | null | undefined {
    const all = this.unified(section);
    if (all === undefined) return undefined;
    const key = this.key(option);
    if (!all.has(key)) return undefined;
    const raw = all.get(key) ?? null;
    return raw === null ? null : this.interpolate(all, section, key, raw, 1);
  }

  /** cp.items(section): every option (defaults first, in file order) with its interpolated value. */
  items(section: string): [string, string | null][] {
    const all = this.unified(section) ?? new Map<string, string | null>();
    return [...all].map(([k, v]) => [k, v === null ? null : this.interpolate(all, section, k, v, 1)]);
  }

  private interpolate(all: Map<string, string | null>, section: string, option: string, value: string, depth: number): string {
    if (depth > MAX_DEPTH) {
      throw new IniError(`Recursion limit exceeded in value substitution: option ${repr(option)} in section ${repr(section)} contains an interpolation key which cannot be substituted in ${MAX_DEPTH} steps. Raw value: ${repr(all.get(option) ?? value)}`, 'InterpolationError');
    }
    let out = '';
    let rest = value;
    while (rest !== '') {
      const p = rest.indexOf('%');
      if (p < 0) return out + rest;
      out += rest.slice(0, p);
      rest = rest.slice(p);
      const c = rest[1];
      if (c === '%') {
        out += '%';
        rest = rest.slice(2);
      } else if (c === '(') {
        const m = /^%\(([^)]+)\)s/.exec(rest);
        if (!m) throw new IniError(`bad interpolation variable reference ${repr(rest)}`, 'InterpolationError');
        const name = this.key(m[1] ?? '');
        rest = rest.slice(m[0].length);
        const v = all.get(name);
        if (v === undefined) {
          throw new IniError(`Bad value substitution: option ${repr(option)} in section ${repr(section)} contains an interpolation key ${repr(name)} which is not a valid option name. Raw value: ${repr(all.get(option) ?? value)}`, 'InterpolationError');
        }
        out += v === null ? 'None' : v.includes('%') ? this.interpolate(all, section, option, v, depth + 1) : v;
      } else throw new IniError(`'%' must be followed by '%' or '(', found: ${repr(rest)}`, 'InterpolationError');
    }
    return out;
  }
}
