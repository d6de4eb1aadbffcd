// A PAM service file as community.general.pamd holds it: a doubly linked list of lines. The module's insertions
// relink neighbours past comments and blank lines, which then drop out of the file; a list with the same links is
// the plainest way to drop exactly the lines Ansible drops.
import { PamdCrash, parseRule, PY_BLANKS, ruleMatches, ruleProblem, ruleText, type PamRule } from './pamd-rule.js';

export type PamLine = { readonly kind: 'comment' | 'include' | 'blank'; readonly text: string } | { readonly kind: 'rule'; readonly rule: PamRule };

export interface PamNode {
  readonly line: PamLine;
  prev: PamNode | undefined;
  next: PamNode | undefined;
}

export interface PamService {
  head: PamNode | undefined;
  tail: PamNode | undefined;
}

const LEADING_BLANKS = new RegExp(`^[${PY_BLANKS}]+`);
const ALL_BLANK = new RegExp(`^[${PY_BLANKS}]*$`);
// str.splitlines()'s boundaries besides \n (\r is gone after universal newlines)
const BREAKS = '\\n\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029';
const LINE_BREAK = new RegExp(`[${BREAKS}]`);

/** The file's lines as Python reads them: universal newlines, then str.splitlines()'s boundaries. */
export function pythonLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split(LINE_BREAK);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function lineOf(text: string): PamLine {
  const left = text.replace(LEADING_BLANKS, '');
  if (left.startsWith('#')) return { kind: 'comment', text };
  if (left.startsWith('@include')) return { kind: 'include', text };
  if (ALL_BLANK.test(text)) return { kind: 'blank', text };
  return { kind: 'rule', rule: parseRule(text) };
}

export function parseService(text: string): PamService {
  const service: PamService = { head: undefined, tail: undefined };
  for (const line of pythonLines(text)) append(service, { line: lineOf(line), prev: undefined, next: undefined });
  return service;
}

export function append(service: PamService, node: PamNode): void {
  if (service.tail === undefined) {
    service.head = node;
    service.tail = node;
    return;
  }
  node.prev = service.tail;
  service.tail.next = node;
  service.tail = node;
}

/** The lines reachable from the head, in order: what the file holds. */
export function* walk(service: PamService): Generator<PamNode> {
  for (let node = service.head; node !== undefined; node = node.next) yield node;
}

export function matches(node: PamNode, type: string, control: string, path: string): boolean {
  return node.line.kind === 'rule' && ruleMatches(node.line.rule, type, control, path);
}

/** The rule nodes a task's type, control and module_path select, as found before any edit. */
export function selected(service: PamService, type: string, control: string, path: string): PamNode[] {
  return [...walk(service)].filter((n) => matches(n, type, control, path));
}

export function isSkippable(node: PamNode): boolean {
  return node.line.kind === 'comment' || node.line.kind === 'blank';
}

/** PamdService.validate: the first invalid line's message. A comment or include counts only unindented. */
export function serviceProblem(service: PamService): string | undefined {
  for (const { line } of walk(service)) {
    if (line.kind === 'rule') {
      const problem = ruleProblem(line.rule);
      if (problem !== undefined) return problem;
    } else if ((line.kind === 'comment' && !line.text.startsWith('#')) || (line.kind === 'include' && !line.text.startsWith('@include'))) {
      return `Rule is not valid ${line.text}`;
    }
  }
  return undefined;
}

const MARK = '# Updated by Ansible';

/** The file Ansible writes: every line, rules re-spaced, and the "# Updated by Ansible - <time>" line second. */
export function serviceText(service: PamService, time: string): string {
  const lines = [...walk(service)].map(({ line }) => (line.kind === 'rule' ? ruleText(line.rule) : line.text));
  const mark = `${MARK} - ${time}`;
  if (lines.length <= 1) lines.unshift('', mark);
  else if (lines[1]?.startsWith(MARK) === true) lines[1] = mark;
  else lines.splice(1, 0, mark);
  return `${lines.join('\n')}\n`;
}

/** PamdService.remove: every matching rule unlinked; taking out the last line left crashes Ansible's module. */
export function removeRules(service: PamService, type: string, control: string, path: string): number {
  let changes = 0;
  for (let node = service.head; node !== undefined; node = node.next) {
    if (!matches(node, type, control, path)) continue;
    if (node.prev !== undefined) {
      node.prev.next = node.next;
      if (node.next !== undefined) node.next.prev = node.prev;
    } else {
      service.head = node.next;
      if (node.next === undefined) throw new PamdCrash("AttributeError: 'NoneType' object has no attribute 'prev'");
      node.next.prev = undefined;
    }
    changes += 1;
  }
  return changes;
}
