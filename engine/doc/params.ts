// A module's parameters read back from its schema, at any depth: what `kplay doc` shows and its test checks.
import type { TSchema } from '@sinclair/typebox';
import { aliasTarget } from '../../modules/common/schema.js';

export interface ParamDoc {
  /** dotted for nested options: "disks.size" ("[]" never appears: list items are documented by their fields) */
  readonly path: string;
  readonly depth: number;
  readonly type: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly choices?: readonly unknown[] | undefined;
  readonly aliases: readonly string[];
  /** set on a property that only exists as another name of `aliasOf` */
  readonly aliasOf?: string | undefined;
  readonly description: string | undefined;
}

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly description?: string;
}

/** Every property of the schema and of the objects inside it (list items and union branches included). */
export function paramDocs(schema: TSchema): ParamDoc[] {
  const out: ParamDoc[] = [];
  walkObject(schema, '', 0, out);
  return out;
}

function walkObject(s: JsonSchema, prefix: string, depth: number, out: ParamDoc[]): void {
  const props = s.properties ?? {};
  const aliases = new Map<string, string[]>();
  for (const [name, p] of Object.entries(props)) {
    const target = aliasTarget(p as TSchema);
    if (target !== undefined) aliases.set(target, [...(aliases.get(target) ?? []), name]);
  }
  for (const [name, p] of Object.entries(props)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    out.push({
      path,
      depth,
      type: typeText(p),
      required: (s.required ?? []).includes(name) && p.default === undefined,
      default: p.default,
      choices: choicesOf(p),
      aliases: aliases.get(name) ?? [],
      aliasOf: aliasTarget(p as TSchema),
      description: p.description,
    });
    for (const inner of objectsInside(p)) walkObject(inner, path, depth + 1, out);
  }
}

/** The object schemas nested in a property: itself, its list items, its union branches. */
function objectsInside(s: JsonSchema): JsonSchema[] {
  if (s.properties) return [s];
  if (s.items) return objectsInside(s.items);
  return [...(s.anyOf ?? s.oneOf ?? [])].flatMap(objectsInside);
}

export function choicesOf(s: JsonSchema): unknown[] | undefined {
  if (s.enum) return [...s.enum];
  const branches = s.anyOf ?? s.oneOf;
  if (!branches || branches.length === 0 || !branches.every((b) => 'const' in b)) return undefined;
  return branches.map((b) => b.const);
}

function typeText(s: JsonSchema): string {
  if (choicesOf(s)) return 'choice';
  if ('const' in s) return JSON.stringify(s.const);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return [...new Set(branches.map(typeText))].join(' or ');
  const t = Array.isArray(s.type) ? (s.type as string[]).join(' or ') : (s.type as string | undefined);
  switch (t) {
    case undefined:
      return 'any';
    case 'array':
      return s.items ? `list of ${plural(typeText(s.items))}` : 'list';
    case 'object':
      return 'mapping';
    default:
      return t;
  }
}

function plural(t: string): string {
  if (t.includes(' or ')) return `(${t})`;
  return t === 'any' ? 'values' : `${t}s`;
}
