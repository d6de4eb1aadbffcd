// Typed bridge to @huggingface/jinja's lexer and parser (its .d.ts files do not resolve under NodeNext).
import * as lib from '@huggingface/jinja';

/** One lexer token, as the library's parser reads it. */
export interface Token {
  value: string;
  type: string;
}

export interface Node {
  readonly type: string;
}
export interface Identifier extends Node {
  readonly type: 'Identifier';
  readonly value: string;
}
export interface Program extends Node {
  readonly body: readonly Node[];
}
export interface IfNode extends Node {
  readonly test: Node;
  readonly body: readonly Node[];
  readonly alternate: readonly Node[];
}
export interface ForNode extends Node {
  readonly loopvar: Node;
  readonly iterable: Node;
  readonly body: readonly Node[];
  readonly defaultBlock: readonly Node[];
}
export interface SetNode extends Node {
  readonly assignee: Node;
  readonly value: Node | null;
  readonly body: readonly Node[];
}
export interface MemberNode extends Node {
  readonly object: Node;
  readonly property: Node;
  readonly computed: boolean;
}
export interface CallNode extends Node {
  readonly callee: Node;
  readonly args: readonly Node[];
}
export interface LiteralNode<T> extends Node {
  readonly value: T;
}
export interface BinaryNode extends Node {
  readonly operator: Token;
  readonly left: Node;
  readonly right: Node;
}
export interface UnaryNode extends Node {
  readonly operator: Token;
  readonly argument: Node;
}
export interface FilterNode extends Node {
  readonly operand: Node;
  readonly filter: Node;
}
export interface FilterStatementNode extends Node {
  readonly filter: Node;
  readonly body: readonly Node[];
}
export interface TestNode extends Node {
  readonly operand: Node;
  readonly negate: boolean;
  readonly test: Identifier;
}
export interface SelectNode extends Node {
  readonly lhs: Node;
  readonly test: Node;
}
export interface TernaryNode extends Node {
  readonly condition: Node;
  readonly trueExpr: Node;
  readonly falseExpr: Node;
}
export interface SliceNode extends Node {
  readonly start: Node | undefined;
  readonly stop: Node | undefined;
  readonly step: Node | undefined;
}
export interface KeywordArgumentNode extends Node {
  readonly key: Identifier;
  readonly value: Node;
}

interface JinjaLib {
  tokenize(source: string, options?: { trim_blocks?: boolean; lstrip_blocks?: boolean }): Token[];
  parse(tokens: Token[]): Program;
}

const untyped: unknown = lib;
const typed = untyped as JinjaLib;

export const tokenize = (source: string, trimBlocks = false, lstripBlocks = false): Token[] => typed.tokenize(source, { trim_blocks: trimBlocks, lstrip_blocks: lstripBlocks });
export const parseTokens = (tokens: Token[]): Program => typed.parse(tokens);
