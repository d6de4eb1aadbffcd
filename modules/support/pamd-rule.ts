// One rule line of a /etc/pam.d service file as community.general.pamd reads, validates and writes it: the same
// regular expressions (translated from Python's), the control kept as a word or as the list of a [bracketed] one,
// the arguments as tokens where a [bracket group] is one token; written back as '{type:<11}{control} {path} {args}'.
import { compilePython } from '../../engine/core/python-regex.js';

export const PAM_TYPES = ['account', '-account', 'auth', '-auth', 'password', '-password', 'session', '-session'] as const;

const SIMPLE_CONTROLS = new Set(['required', 'requisite', 'sufficient', 'optional', 'include', 'substack', 'definitive']);
const CONTROL_VALUES = new Set(['success', 'open_err', 'symbol_err', 'service_err', 'system_err', 'buf_err', 'perm_denied', 'auth_err', 'cred_insufficient', 'authinfo_unavail', 'user_unknown', 'maxtries', 'new_authtok_reqd', 'acct_expired', 'session_err', 'cred_unavail', 'cred_expired', 'cred_err', 'no_module_data', 'conv_err', 'authtok_err', 'authtok_recover_err', 'authtok_lock_busy', 'authtok_disable_aging', 'try_again', 'ignore', 'abort', 'authtok_expired', 'module_unknown', 'bad_item', 'conv_again', 'incomplete', 'default']);
const CONTROL_ACTIONS = new Set(['ignore', 'bad', 'die', 'ok', 'done', 'reset']);

// searched, not anchored: text before the type is dropped, as Ansible's RULE_REGEX.search drops it
const RULE = compilePython(String.raw`(?P<rule_type>-?(?:auth|account|session|password))\s+(?P<control>\[.*\]|\S*)\s+(?P<path>\S*)\s*(?P<args>.*)\s*`);
const ARG = compilePython(String.raw`\[.*\]|\S*`);

/** The failure of Ansible's module itself (a Python exception, reported as MODULE FAILURE): its exception line. */
export class PamdCrash extends Error {}

/** A rule: its control is a word, or the items of a bracketed control ('success=1', 'default=ignore'). */
export interface PamRule {
  type: string;
  control: string | string[];
  path: string;
  args: string[];
}

/** Python's parse_module_arguments: each text split into tokens, a [bracket group] to its last ']' being one. */
export function parseArguments(texts: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const text of texts) {
    let at = 0;
    while (at <= text.length) {
      ARG.lastIndex = at;
      const found = ARG.exec(text)?.[0] ?? '';
      if (found === '') at += 1;
      else {
        tokens.push(found);
        at += found.length;
      }
    }
  }
  return tokens;
}

/** The control as the rule_control setter keeps it: a bracketed one loses its brackets and ' = ' spacing. */
export function controlOf(text: string): string | string[] {
  if (!text.startsWith('[')) return text;
  return text.replaceAll(' = ', '=').replaceAll('[', '').replaceAll(']', '').split(' ');
}

export function controlText(rule: PamRule): string {
  return typeof rule.control === 'string' ? rule.control : `[${rule.control.join(' ')}]`;
}

export function newRule(type: string, control: string, path: string, args: readonly string[]): PamRule {
  return { type, control: controlOf(control), path, args: parseArguments(args) };
}

/** A line that is no comment, include or blank line; one with no type word followed by two fields crashes Ansible's module. */
export function parseRule(line: string): PamRule {
  RULE.lastIndex = 0;
  const m = RULE.exec(line);
  const g = m?.groups;
  if (g === undefined) throw new PamdCrash("AttributeError: 'NoneType' object has no attribute 'group'");
  return newRule(g.rule_type ?? '', g.control ?? '', g.path ?? '', [g.args ?? '']);
}

export function ruleText(rule: PamRule): string {
  const head = `${rule.type.padEnd(11)}${controlText(rule)} ${rule.path}`;
  return rule.args.length > 0 ? `${head} ${rule.args.join(' ')}` : head;
}

export function ruleMatches(rule: PamRule, type: string, control: string, path: string): boolean {
  return rule.type === type && controlText(rule) === control && rule.path === path;
}

/** Python's `key, value = text.split('=')`: exactly one '=', else the ValueError Ansible's module dies of. */
export function splitPair(text: string): [string, string] {
  const parts = text.split('=');
  if (parts.length < 2) throw new PamdCrash(`ValueError: not enough values to unpack (expected 2, got ${parts.length})`);
  if (parts.length > 2) throw new PamdCrash('ValueError: too many values to unpack (expected 2)');
  return [parts[0] ?? '', parts[1] ?? ''];
}

/** Python's str.isspace() characters, as a character class body (what strip() removes and int() allows around digits). */
export const PY_BLANKS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// Python's int(text): surrounding blanks, a sign and digit groups joined by single underscores
const PY_INT = new RegExp(`^[${PY_BLANKS}]*([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)[${PY_BLANKS}]*$`, 'u');

/** int(text) >= 0 in Python: "-0" counts, "0x1" does not. */
function unsignedInt(text: string): boolean {
  const m = PY_INT.exec(text);
  if (!m) return false;
  return m[1] !== '-' || /^[0_]+$/.test(m[2] ?? '');
}

/** PamdRule.validate: Ansible's message for the first thing wrong with the rule, or undefined. */
export function ruleProblem(rule: PamRule): string | undefined {
  const line = ruleText(rule);
  if (!(PAM_TYPES as readonly string[]).includes(rule.type)) return `Rule type, ${rule.type}, is not valid in rule ${line}`;
  if (typeof rule.control === 'string') {
    return SIMPLE_CONTROLS.has(rule.control) ? undefined : `Rule control, ${rule.control}, is not valid in rule ${line}`;
  }
  for (const item of rule.control) {
    const [value, action] = splitPair(item);
    if (!CONTROL_VALUES.has(value)) return `Rule control value, ${value}, is not valid in rule ${line}`;
    if (!CONTROL_ACTIONS.has(action) && !unsignedInt(action)) return `Rule control action, ${action}, is not valid in rule ${line}`;
  }
  return undefined;
}
