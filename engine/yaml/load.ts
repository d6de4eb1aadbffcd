// Read a YAML file as Ansible does (YAML 1.1 scalars, merge keys), once per path, keeping every node's position.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { indentQuotedContinuations } from './quoted-continuation.js';
import { InputError, InputErrors } from '../core/errors.js';
import { fileReadError, readInputText } from '../core/input-file.js';
import { decryptFileText } from '../vault/vault-file.js';
import { NO_VAULT, type Keyring } from '../vault/keyring.js';
import { ansibleTags } from './ansible-schema.js';
import type { SourceFile } from './positions.js';
import { ConvertError, documentToJs, MAX_DEPTH } from './to-js.js';

export interface YamlSource extends SourceFile {
  /** the document as plain JS values; positions via positions.ts (locOf, keyLoc, valueLoc, locAtPath) */
  readonly value: unknown;
}

const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML does not allow tabs for indentation: indent with spaces',
  BAD_INDENT: 'indent this line like its siblings: items of one mapping or list must start in the same column',
  DUPLICATE_KEY: 'a key may appear only once in a mapping: remove or merge the duplicates',
  MULTILINE_IMPLICIT_KEY: 'a key and its colon must be on one line; check the indentation of the line above',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation: a nested mapping must be indented under its key',
  MISSING_CHAR: 'a quote or bracket is not closed',
  UNEXPECTED_TOKEN: 'check the indentation and quoting of this line',
  TAG_RESOLVE_FAILED: 'kplay reads !unsafe and !vault; other local tags are not supported',
  MULTIPLE_DOCS: 'a playbook or vars file holds one YAML document: remove the extra `---`',
};

function hintFor(err: YAMLError, src: SourceFile): string | undefined {
  const lineNo = err.linePos?.[0].line;
  const line = lineNo ? (src.text.split('\n')[lineNo - 1] ?? '') : '';
  // the classic: `msg: {{ x }}` is a flow mapping to YAML, not a template
  if (/:\s*\{\{/.test(line) || /^\s*-\s*\{\{/.test(line)) {
    return 'a value that starts with {{ must be quoted as a whole: key: "{{ var }}"';
  }
  if (/\t/.test(line) && err.code !== 'TAB_AS_INDENT') return 'this line contains a tab: YAML indentation must use spaces';
  return HINTS[err.code];
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** 1-based column of the first non-blank character at or after `col` on `line` (errors often point at indentation). */
function firstNonBlank(src: SourceFile, line: number, col: number): number {
  const text = src.text.split('\n')[line - 1] ?? '';
  let i = col - 1;
  while (i < text.length && text[i] === ' ') i++;
  return i < text.length ? i + 1 : col;
}

function toInputError(err: YAMLError, src: SourceFile): InputError {
  const [start, end] = err.linePos ?? [src.lines.linePos(err.pos[0])];
  // a "multi-line key" is a line indented deeper than its siblings: point at that line, not at the key above it
  if (err.code === 'MULTILINE_IMPLICIT_KEY') {
    const at = end && end.line > start.line ? end.line : start.line;
    const loc = { file: src.file, line: at, col: firstNonBlank(src, at, 1) };
    return new InputError('YAML syntax: bad indentation: this line does not line up with the lines above it', {
      loc,
      hint: 'keys of one mapping (and items of one list) must start in the same column',
    });
  }
  // an unclosed quote is reported where the text ends: point at the quote that opened it
  const quote = /Missing closing (["'])quote/.exec(err.message)?.[1];
  if (quote) {
    const open = src.text.lastIndexOf(quote, err.pos[0] - 1);
    if (open >= 0) {
      const p = src.lines.linePos(open);
      const loc = { file: src.file, line: Math.max(p.line, 1), col: Math.max(p.col, 1) };
      return new InputError(`YAML syntax: this ${quote === '"' ? 'double' : 'single'}-quoted string is never closed`, { loc, hint: `add the closing ${quote}` });
    }
  }
  const line = Math.max(start.line, 1);
  const loc = { file: src.file, line, col: firstNonBlank(src, line, Math.max(start.col, 1)) };
  return new InputError(`YAML syntax: ${firstLine(err.message)}`, { loc, hint: hintFor(err, src) });
}

/**
 * A tab in a line's indentation makes the parser report something vague, often on the next line: name the tab.
 * Only looked for around reported errors (a tab inside a block scalar's text is legal).
 */
function tabIndentedLine(cluster: readonly YAMLError[], src: SourceFile): InputError | undefined {
  const lines = src.text.split('\n');
  const first = cluster[0];
  if (!first) return undefined;
  const from = (first.linePos?.[0].line ?? 1) - 1;
  const to = Math.max(...cluster.map((e) => e.linePos?.[1]?.line ?? e.linePos?.[0].line ?? from));
  for (let n = Math.max(1, from); n <= to; n++) {
    const indent = /^[ \t]*/.exec(lines[n - 1] ?? '')?.[0] ?? '';
    const at = indent.indexOf('\t');
    if (at >= 0) {
      return new InputError('YAML syntax: Tabs are not allowed as indentation', { loc: { file: src.file, line: n, col: at + 1 }, hint: HINTS.TAB_AS_INDENT });
    }
  }
  return undefined;
}

/**
 * One fault usually makes the parser report a cascade of errors on neighbouring lines: keep one per cluster,
 * preferring the error that names the line the user has to fix.
 */
function faults(errors: readonly YAMLError[], src: SourceFile): InputError[] {
  const out: InputError[] = [];
  let cluster: YAMLError[] = [];
  let lastLine = -10;
  const flush = (): void => {
    const first = cluster[0];
    if (!first) return;
    const tab = tabIndentedLine(cluster, src);
    if (tab) out.push(tab);
    else out.push(toInputError(cluster.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY') ?? first, src));
    cluster = [];
  };
  for (const e of errors) {
    const line = e.linePos?.[0].line ?? src.lines.linePos(e.pos[0]).line;
    if (line - lastLine > 2) flush();
    cluster.push(e);
    lastLine = Math.max(lastLine, e.linePos?.[1]?.line ?? line);
  }
  flush();
  return out;
}

/** Parse YAML text; throws InputErrors listing every syntax problem with its position. */
export function parseYaml(text: string, file: string, keyring: Keyring = NO_VAULT): YamlSource {
  let lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocumentOf(text, lines);
    const relaxed = relaxQuotedContinuations(text, doc);
    if (relaxed !== undefined) ({ text, doc, lines } = relaxed);
  } catch (err) {
    // the parser recurses per level: thousands of levels exhaust the stack before to-js.ts can count them
    if (err instanceof RangeError) throw new InputErrors([tooDeep({ file, text, lines })]);
    throw err;
  }
  const src: SourceFile = { file, text, lines };
  if (doc.errors.some((e) => /call stack/i.test(e.message))) throw new InputErrors([tooDeep(src)]);
  const problems = faults([...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')], src);

/**
 * When a file does not parse, the text with its quoted values' continuation lines indented as the yaml package
 * wants them, if that parses without a fault (PyYAML reads such text; engine/yaml/quoted-continuation.ts).
 */
function relaxQuotedContinuations(text: string, doc: Document.Parsed): { text: string; doc: Document.Parsed; lines: LineCounter } | undefined {
  if (doc.errors.length === 0) return undefined;
  const indented = indentQuotedContinuations(text);
  if (indented === undefined) return undefined;
  const lines = new LineCounter();
  const relaxed = parseDocumentOf(indented, lines);
  return relaxed.errors.length === 0 ? { text: indented, doc: relaxed, lines } : undefined;
}

function parseDocumentOf(text: string, lines: LineCounter): Document.Parsed {
  return parseDocument(text, {
    version: '1.1',
    schema: 'yaml-1.1',
    customTags: ansibleTags,
    merge: true,
    lineCounter: lines,
    prettyErrors: true,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
}

/** Where nesting first goes past MAX_DEPTH, counting open brackets and indentation steps (an estimate: only to locate). */
function tooDeep(src: SourceFile): InputError {
  const lines = src.text.split('\n');
  let flow = 0;
  let best = { line: 1, col: 1, depth: -1 };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const indent = /^[ -]*/.exec(line)?.[0].length ?? 0;
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (ch === '[' || ch === '{') flow++;
      else if (ch === ']' || ch === '}') flow--;
      else continue;
      if (flow + indent / 2 > best.depth) best = { line: n + 1, col: c + 1, depth: flow + indent / 2 };
      if (best.depth > MAX_DEPTH) break;
    }
    if (indent / 2 + flow > best.depth) best = { line: n + 1, col: indent + 1, depth: indent / 2 + flow };
    if (best.depth > MAX_DEPTH) break;
  }
  return new InputError(`YAML: data nested deeper than ${MAX_DEPTH} levels`, {
    loc: { file: src.file, line: best.line, col: Math.min(best.col, (lines[best.line - 1] ?? '').length + 1) },
    hint: `flatten the structure: kplay reads at most ${MAX_DEPTH} levels of lists and mappings`,
  });
}
  if (problems.length > 0) throw new InputErrors(problems);
  try {
    return { ...src, value: documentToJs(doc, src, keyring) };
  } catch (err) {
    if (!(err instanceof ConvertError)) throw err;
    const { line, col } = lines.linePos(err.offset);
    const loc = { file, line: Math.max(line, 1), col: Math.max(col, 1) };
    throw new InputErrors([new InputError(err.vault ? err.message : `YAML: ${err.message}`, { loc, hint: err.hint })]);
  }
}

interface Cached {
  readonly mtimeMs: number;
  readonly size: number;
  readonly result: YamlSource | InputErrors;
}

/**
 * The YAML files one load (or one run) reads, each parsed once (again only if it changed on disk), vault files and
 * `!vault` values decrypted with this load's keyring. Owned by whoever loads: nothing is shared between loads.
 */
export class YamlFiles {
  private readonly cache = new Map<string, Cached>();

  constructor(readonly keyring: Keyring = NO_VAULT) {}

  /**
   * Read and parse a YAML file. `file` in positions is the path as given, so messages show what the user typed.
   * Throws InputErrors (syntax, vault) or InputError (unreadable).
   */
  load(path: string): YamlSource {
    const abs = resolve(path);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      throw fileReadError(path, err);
    }
    const hit = this.cache.get(abs);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && (hit.result instanceof InputErrors || hit.result.file === path)) {
      if (hit.result instanceof InputErrors) throw hit.result;
      return hit.result;
    }
    let result: YamlSource | InputErrors;
    try {
      result = parseYaml(decryptFileText(readInputText(path), path, this.keyring), path, this.keyring);
    } catch (err) {
      if (err instanceof InputError) result = new InputErrors([err]);
      else if (err instanceof InputErrors) result = err;
      else throw err;
    }
    this.cache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, result });
    if (result instanceof InputErrors) throw result;
    return result;
  }
}
