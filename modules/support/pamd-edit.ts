// community.general.pamd's edit of a PAM service file, pure: the text in, the count of changed rules and the text
// Ansible would write out, quirks included (comments between a rule and an inserted one drop out, the "Updated by
// Ansible" line, rules re-spaced, an invalid line anywhere fails the task, inputs that crash the module crash here).
import { controlOf, controlText, newRule, PamdCrash, parseArguments, splitPair, type PamRule } from './pamd-rule.js';
import { isSkippable, matches, parseService, removeRules, selected, serviceProblem, serviceText, type PamNode, type PamService } from './pamd-service.js';

export const PAMD_STATES = ['absent', 'after', 'args_absent', 'args_present', 'before', 'updated'] as const;
export type PamdState = (typeof PAMD_STATES)[number];

export interface PamdEdit {
  readonly state: PamdState;
  readonly type: string;
  readonly control: string;
  readonly modulePath: string;
  readonly newType?: string | undefined;
  readonly newControl?: string | undefined;
  readonly newModulePath?: string | undefined;
  /** undefined when the task gives none: `updated` then leaves the arguments alone */
  readonly moduleArguments?: readonly string[] | undefined;
}

export type PamdOutcome =
  /** matched: how many rules the type, control and module_path select; text: the file to write when changes > 0 */
  | { readonly kind: 'edited'; readonly changes: number; readonly matched: number; readonly text: string }
  | { readonly kind: 'fail'; readonly msg: string }
  /** Ansible's module dies of a Python exception on this input: its exception line */
  | { readonly kind: 'crash'; readonly exception: string };

/** `time` is the host's datetime.now().isoformat(), for the "# Updated by Ansible" line. */
export function editPamd(text: string, e: PamdEdit, time: string): PamdOutcome {
  try {
    const service = parseService(text);
    const matched = selected(service, e.type, e.control, e.modulePath).length;
    if (e.state === 'args_present' && parseArguments(e.moduleArguments ?? []).some((a) => a.startsWith('['))) {
      return { kind: 'fail', msg: "Unable to process bracketed '[' complex arguments with 'args_present'. Please use 'updated'." };
    }
    const changes = apply(service, e);
    const problem = serviceProblem(service);
    if (problem !== undefined) return { kind: 'fail', msg: problem };
    return { kind: 'edited', changes, matched, text: serviceText(service, time) };
  } catch (err) {
    if (err instanceof PamdCrash) return { kind: 'crash', exception: err.message };
    throw err;
  }
}

function apply(service: PamService, e: PamdEdit): number {
  const found = selected(service, e.type, e.control, e.modulePath);
  switch (e.state) {
    case 'updated':
      return count(found, (n) => updateRule(rule(n), e));
    case 'before':
      return count(found, (n) => insertBefore(service, n, e));
    case 'after':
      return count(found, (n) => insertAfter(service, n, e));
    case 'args_present':
      return count(found, (n) => addArguments(rule(n), parseArguments(e.moduleArguments ?? [])));
    case 'args_absent':
      return count(found, (n) => removeArguments(rule(n), parseArguments(e.moduleArguments ?? [])));
    case 'absent':
      return removeRules(service, e.type, e.control, e.modulePath);
  }
}

function count(nodes: readonly PamNode[], edit: (n: PamNode) => boolean): number {
  return nodes.filter(edit).length;
}

function rule(node: PamNode): PamRule {
  if (node.line.kind !== 'rule') throw new Error('a selected line is always a rule');
  return node.line.rule;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** update_rule: the given new_* (empty ones ignored) and, when given at all, the arguments replace the rule's. */
function updateRule(r: PamRule, e: PamdEdit): boolean {
  let changed = false;
  if (e.newType && r.type !== e.newType) {
    r.type = e.newType;
    changed = true;
  }
  // the task's text against the rule's normalised one: '[a = b]' never equals what the file then holds
  if (e.newControl && controlText(r) !== e.newControl) {
    r.control = controlOf(e.newControl);
    changed = true;
  }
  if (e.newModulePath && r.path !== e.newModulePath) {
    r.path = e.newModulePath;
    changed = true;
  }
  if (e.moduleArguments !== undefined) {
    const args = parseArguments(e.moduleArguments);
    if (!sameList(r.args, args)) {
      r.args = args;
      changed = true;
    }
  }
  return changed;
}

function ruleNode(e: PamdEdit): PamNode {
  const r = newRule(e.newType ?? '', e.newControl ?? '', e.newModulePath ?? '', e.moduleArguments ?? []);
  return { line: { kind: 'rule', rule: r }, prev: undefined, next: undefined };
}

const isNew = (node: PamNode, e: PamdEdit): boolean => matches(node, e.newType ?? '', e.newControl ?? '', e.newModulePath ?? '');

/** insert_before: unless the nearest rule above (past comments and blank lines) is the new rule already. */
function insertBefore(service: PamService, current: PamNode, e: PamdEdit): boolean {
  const added = ruleNode(e);
  let above = current.prev;
  while (above !== undefined && isSkippable(above)) above = above.prev;
  if (above !== undefined) {
    if (isNew(above, e)) return false;
    // linked straight to the rule above: the comments and blank lines between drop out
    above.next = added;
    added.prev = above;
  } else {
    if (current.prev === undefined) service.head = added;
    else current.prev.next = added;
    added.prev = current.prev;
  }
  added.next = current;
  current.prev = added;
  return true;
}

/** insert_after: unless the nearest rule below is the new rule already; past the last rule it goes at the end. */
function insertAfter(service: PamService, current: PamNode, e: PamdEdit): boolean {
  const added = ruleNode(e);
  let below = current.next;
  while (below !== undefined && isSkippable(below)) below = below.next;
  if (below !== undefined) {
    if (isNew(below, e)) return false;
    // linked straight to the rule below: the comments and blank lines between drop out
    below.prev = added;
    added.next = below;
    added.prev = current;
  } else {
    // appended at the file's end, and the rule's next is the new one: comments after the rule drop out
    added.prev = service.tail;
    if (service.tail !== undefined) service.tail.next = added;
    service.tail = added;
  }
  current.next = added;
  return true;
}

/** add_module_arguments: missing words and key=value pairs appended, differing values replaced in place. */
function addArguments(r: PamRule, wanted: readonly string[]): boolean {
  const want = pairsAndWords(wanted);
  const have = pairsAndWords(r.args);
  // Python iterates sets here, in an order that varies from run to run; kplay keeps the order the task gives
  const missing = [...[...want.words].filter((w) => !have.words.has(w)), ...[...want.pairs].filter(([k]) => !have.pairs.has(k)).map(([k, v]) => `${k}=${v}`)];
  let changed = false;
  if (missing.length > 0) {
    r.args = [...r.args, ...missing];
    changed = true;
  }
  for (const [key, value] of want.pairs) {
    const old = have.pairs.get(key);
    if (old === undefined || old === value) continue;
    r.args[r.args.indexOf(`${key}=${old}`)] = `${key}=${value}`;
    changed = true;
  }
  return changed;
}

function pairsAndWords(args: readonly string[]): { words: Set<string>; pairs: Map<string, string> } {
  const words = new Set<string>();
  const pairs = new Map<string, string>();
  for (const arg of args) {
    if (arg.startsWith('[')) continue;
    if (arg.includes('=')) {
      const [key, value] = splitPair(arg);
      pairs.set(key, value);
    } else words.add(arg);
  }
  return { words, pairs };
}

/** remove_module_arguments: the listed tokens taken out, exactly as written (deny does not remove deny=3). */
function removeArguments(r: PamRule, unwanted: readonly string[]): boolean {
  const gone = new Set(unwanted);
  if (!r.args.some((a) => gone.has(a))) return false;
  r.args = r.args.filter((a) => !gone.has(a));
  return true;
}
