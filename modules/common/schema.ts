// Small builders for module parameter schemas: Ansible-style choices and parameter aliases that `kplay doc` shows.
import { Type, type TLiteral, type TSchema, type TString, type TUnion } from '@sinclair/typebox';

interface ChoiceOptions<T extends string> {
  readonly description: string;
  readonly default?: T | undefined;
  /**
   * Ansible's whole list of choices, in its order, when kplay implements only `values`: a refusal lists these (as
   * Ansible's message does), and names a value of them kplay lacks as such
   */
  readonly ansibleChoices?: readonly string[] | undefined;
}

const ansibleChoiceLists = new WeakMap<TSchema, readonly string[]>();

/** A string parameter limited to `values` (Ansible's `choices`). */
export function choice<const T extends string>(values: readonly T[], options: ChoiceOptions<T>): TUnion<TLiteral<T>[]> {
  const literals: TLiteral<T>[] = values.map((v) => Type.Literal(v));
  const schema = Type.Union(literals, options.default === undefined ? { description: options.description } : { description: options.description, default: options.default });
  if (options.ansibleChoices !== undefined) ansibleChoiceLists.set(schema, options.ansibleChoices);
  return schema;
}

/** Ansible's list of choices for a parameter of which kplay implements fewer, if it is one. */
export function ansibleChoicesOf(schema: TSchema): readonly string[] | undefined {
  return ansibleChoiceLists.get(schema);
}

// Aliases live beside the schema rather than inside it: an unknown JSON-schema keyword would trip strict
// validators (ajv), while a side table keeps the schema standard and still tells `kplay doc` the relationship.
const aliasTargets = new WeakMap<TSchema, string>();

/** Declare `schema` (a property of its own) as another name for the parameter `canonical`. */
export function aliasOf<S extends TSchema>(canonical: string, schema: S): S {
  aliasTargets.set(schema, canonical);
  return schema;
}

/** The canonical parameter a property is an alias of, if it is one. */
export function aliasTarget(schema: TSchema): string | undefined {
  return aliasTargets.get(schema);
}

// A value the module puts on a host command line as an operand (package, unit, guest names): one that starts with
// "-" would be read as an option (`--eval=%(...)` runs a command as root in rpm and dnf), so the schema refuses it.
const NOT_AN_OPTION = '^(?!\\s*-)';
const NOT_AN_OPTION_TITLE = 'a name that does not start with "-" (it would be read as an option)';

/** A string parameter that reaches a host command as an operand, never as an option. */
export function operand(description: string, defaultValue?: string): TString {
  return Type.String({ pattern: NOT_AN_OPTION, title: NOT_AN_OPTION_TITLE, description, ...(defaultValue === undefined ? {} : { default: defaultValue }) });
}

/** True when `value` would be read as an option by a host command. */
export function looksLikeOption(value: string): boolean {
  return !new RegExp(NOT_AN_OPTION).test(value);
}
