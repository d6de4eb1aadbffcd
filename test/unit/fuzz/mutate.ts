// Mutations of valid input files for the property tests: text-level edits and YAML structure-level edits, as data.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

/** Tokens that break (or almost break) YAML, INI, JSON and Jinja when dropped anywhere. */
const TOKENS = [
  "'", '"', '{', '}', '[', ']', '{{', '}}', '{%', '%}', '{#', ':', ': ', '- ', '-', '&a ', '*a', '!!str ', '!!int ', '!unsafe ',
  '!vault ', '#', '|', '>', '%', '@', '`', '\\', '\0', '\ufeff', '\r', '\n', '\t', '<<: *a', '? ', ',', '=', '[x:y]', '[a:b:c]',
  '[web:children]', '[all:vars]', 'x[1:3]', '[0:', '{{ x | nofilter }}', '{{ (', '{% if %}', '{{ x.', '..', '/', '\u00e9', '\u{1F600}',
];

/** Values of the wrong type (or shape) for whatever key they replace. */
const WRONG_VALUES: readonly unknown[] = [
  null, 0, -1, 1.5, true, false, '', 'yes', '{{ undefined_var }}', '{{ broken', [], [1, 'two'], {}, { nested: { deeper: [null] } },
  [{ name: 1 }], 'a\nb', '*', '; rm -rf /', Number.MAX_SAFE_INTEGER * 1024, '0o777', { '': 1 },
];

const KEY_NAMES = ['', 'name', 'hosts', 'tasks', 'vars', 'when', 'loop', 'become', 'hots', 'taks', 'command', 'block', 'children', 'all', '-', '{{ x }}', 'ansible_port', 'roles', 'include_tasks', 'import_playbook'];

export type TextOp =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number; with: number }
  | { op: 'insert-tab'; at: number }
  | { op: 'insert-token'; at: number; token: string }
  | { op: 'insert-chars'; at: number; chars: string }
  | { op: 'indent'; at: number; by: number }
  | { op: 'truncate'; at: number }
  | { op: 'delete-range'; at: number; len: number };

export type TreeOp = { op: 'replace-value'; at: number; value: unknown } | { op: 'rename-key'; at: number; key: string } | { op: 'drop-key'; at: number };

export type Mutation = TextOp | TreeOp;

/** Positions are fractions (0..1) of the text or of the node list, so one mutation applies to any file. */
const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: frac }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: frac }),
  fc.record({ op: fc.constant('swap-lines' as const), at: frac, with: frac }),
  fc.record({ op: fc.constant('insert-tab' as const), at: frac }),
  fc.record({ op: fc.constant('insert-token' as const), at: frac, token: fc.constantFrom(...TOKENS) }),
  fc.record({ op: fc.constant('insert-chars' as const), at: frac, chars: fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }) }),
  fc.record({ op: fc.constant('indent' as const), at: frac, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({ op: fc.constant('delete-range' as const), at: frac, len: fc.integer({ min: 1, max: 40 }) }),
);

export const treeOp: fc.Arbitrary<TreeOp> = fc.oneof(
  fc.record({ op: fc.constant('replace-value' as const), at: frac, value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ op: fc.constant('rename-key' as const), at: frac, key: fc.constantFrom(...KEY_NAMES) }),
  fc.record({ op: fc.constant('drop-key' as const), at: frac }),
);

/** One to three mutations, text or (for YAML files) structure. */
export const mutations = (yamlFile: boolean): fc.Arbitrary<Mutation[]> =>
  fc.array(yamlFile ? fc.oneof({ arbitrary: textOp, weight: 3 }, { arbitrary: treeOp, weight: 2 }) : textOp, { minLength: 1, maxLength: 3 });

const pick = (n: number, at: number): number => Math.min(n - 1, Math.floor(at * n));

function applyText(text: string, m: TextOp): string {
  const lines = text.split('\n');
  const i = pick(lines.length, m.at);
  const pos = pick(text.length + 1, m.at);
  switch (m.op) {
    case 'delete-line':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swap-lines': {
      const j = pick(lines.length, m.with);
      const a = lines[i] ?? '';
      lines[i] = lines[j] ?? '';
      lines[j] = a;
      return lines.join('\n');
    }
    case 'insert-tab':
      lines[i] = `\t${lines[i] ?? ''}`;
      return lines.join('\n');
    case 'insert-token':
      return text.slice(0, pos) + m.token + text.slice(pos);
    case 'insert-chars':
      return text.slice(0, pos) + m.chars + text.slice(pos);
    case 'indent': {
      const line = lines[i] ?? '';
      const lead = /^ */.exec(line)?.[0].length ?? 0;
      lines[i] = ' '.repeat(Math.max(0, lead + m.by)) + line.slice(lead);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, pos);
    case 'delete-range':
      return text.slice(0, pos) + text.slice(pos + m.len);
  }
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
}

function slots(value: unknown, out: Slot[]): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      slots(v, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

/** A structure-level edit of a YAML/JSON text; a text that does not parse is returned unchanged. */
function applyTree(text: string, m: TreeOp): string {
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: false, logLevel: 'silent' }) as unknown;
  } catch {
    return text;
  }
  const all = slots(doc, []);
  if (all.length === 0) return text;
  const s = all[pick(all.length, m.at)] as Slot;
  const p = s.parent;
  if (m.op === 'replace-value') {
    if (Array.isArray(p)) p[s.key as number] = m.value;
    else p[s.key as string] = m.value;
  } else if (Array.isArray(p)) {
    p.splice(s.key as number, 1);
  } else {
    const entries = Object.entries(p);
    for (const k of Object.keys(p)) Reflect.deleteProperty(p, k);
    for (const [k, v] of entries) {
      if (k !== s.key) p[k] = v;
      else if (m.op === 'rename-key') p[m.key] = v;
    }
  }
  return stringify(doc, { lineWidth: 0 });
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  let out = text;
  for (const m of ms) out = m.op === 'replace-value' || m.op === 'rename-key' || m.op === 'drop-key' ? applyTree(out, m) : applyText(out, m);
  return out;
}
