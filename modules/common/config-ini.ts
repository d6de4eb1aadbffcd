// Python's RawConfigParser as yum_repository uses it: read an INI text, write it back, and its sorted dump.
// Comments are dropped on rewrite and the section set last moves to the end, exactly as Ansible's module does.

/** Sections in file order; each holds its options in insertion order (names lower-cased, multi-line values joined by \n). */
export type IniSections = Map<string, Map<string, string>>;

const SECTION = /^\[(.+)\]/;
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/;

/** Parse as configparser does (strict: a duplicate section or option is an error), or return the error message. */
export function parseIni(text: string, file: string): IniSections | string {
  const sections: IniSections = new Map();
  let current: Map<string, string[]> | undefined;
  const raw = new Map<string, Map<string, string[]>>();
  let option: string | undefined;
  let indent = 0;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const stripped = line.trim();
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = comment ? '' : stripped;
    if (value === '') {
      // an empty line inside a value is kept (joined, then trailing ones stripped); a comment line is not
      if (!comment && current !== undefined && option !== undefined) current.get(option)?.push('');
      continue;
    }
    const level = line.length - line.trimStart().length;
    if (current !== undefined && option !== undefined && level > indent) {
      current.get(option)?.push(value);
      continue;
    }
    indent = level;
    const header = SECTION.exec(value);
    if (header) {
      const name = header[1] ?? '';
      if (raw.has(name)) return `While reading from '${file}' [line ${i + 1}]: section '${name}' already exists`;
      current = new Map();
      raw.set(name, current);
      option = undefined;
      continue;
    }
    if (current === undefined) return `File contains no section headers.\nfile: '${file}', line: ${i + 1}\n${JSON.stringify(line)}`;
    const opt = OPTION.exec(value);
    const name = opt?.[1]?.trimEnd().toLowerCase() ?? '';
    if (!opt || name === '') return `Source contains parsing errors: '${file}'\n\t[line ${i + 1}]: ${JSON.stringify(line)}`;
    if (current.has(name)) return `While reading from '${file}' [line ${i + 1}]: option '${name}' in section '${[...raw.keys()].at(-1) ?? ''}' already exists`;
    current.set(name, [(opt[3] ?? '').trim()]);
    option = name;
  }
  for (const [name, opts] of raw) {
    sections.set(name, new Map([...opts].map(([k, v]) => [k, v.join('\n').trimEnd()])));
  }
  return sections;
}

/** The file text RawConfigParser.write gives: `key = value`, continuation lines indented by a tab, a blank line after each section. */
export function writeIni(sections: IniSections): string {
  let out = '';
  for (const [name, opts] of sections) {
    out += `[${name}]\n`;
    for (const [k, v] of opts) out += `${k} = ${v.replaceAll('\n', '\n\t')}\n`;
    out += '\n';
  }
  return out;
}

/** yum_repository's dump(): sections and their options sorted, for the diff and the changed decision. */
export function dumpIni(sections: IniSections): string {
  let out = '';
  for (const name of [...sections.keys()].sort()) {
    out += `[${name}]\n`;
    const opts = sections.get(name) ?? new Map<string, string>();
    for (const k of [...opts.keys()].sort()) out += `${k} = ${opts.get(k) ?? ''}\n`;
    out += '\n';
  }
  return out;
}
