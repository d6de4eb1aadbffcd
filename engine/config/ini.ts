// ansible.cfg as Ansible reads it (Python's configparser with `;` inline comments): [sections], `key = value` or
// `key: value`, keys case-insensitive, `#`/`;` comment lines, indented lines continuing the value above.
import { InputError } from '../core/errors.js';

export interface CfgValue {
  readonly value: string;
  readonly line: number;
}

/** section -> key -> value (both lower-cased), each with its line. */
export type CfgSections = ReadonlyMap<string, ReadonlyMap<string, CfgValue>>;

export function parseCfg(text: string, file: string): CfgSections {
  const sections = new Map<string, Map<string, CfgValue>>();
  let section: Map<string, CfgValue> | undefined;
  let last: { key: string; value: string; line: number } | undefined;
  const flush = () => {
    if (last && section) section.set(last.key, { value: last.value.trim(), line: last.line });
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    if (/^\s/.test(raw) && last) {
      last.value += `\n${stripInline(raw).trim()}`;
      continue;
    }
    flush();
    last = undefined;
    const head = /^\[([^\]]+)\]\s*$/.exec(raw.trim());
    if (head) {
      const name = (head[1] ?? '').trim().toLowerCase();
      section = sections.get(name) ?? new Map<string, CfgValue>();
      sections.set(name, section);
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw.trim());
    if (!kv) throw new InputError(`not a setting, a [section] or a comment: ${JSON.stringify(raw.slice(0, 80))}`, { loc: { file, line, col: 1 } });
    if (!section) throw new InputError('a setting before any [section]', { loc: { file, line, col: 1 }, hint: 'put it under [defaults]' });
    last = { key: (kv[1] ?? '').toLowerCase(), value: stripInline(kv[2] ?? ''), line };
  }
  flush();
  return sections;
}

/** configparser's inline comment: `;` after whitespace. */
function stripInline(s: string): string {
  const at = s.search(/\s;/);
  return at < 0 ? s : s.slice(0, at);
}
