// Every playbook of test/corpus/playbooks: broken ones must fail with exactly the problems their header names
// (`# expect: [FILE:]LINE:COL message fragment | hint fragment`), valid ones (`# expect: valid`) must load. Each
// also gives exactly the warnings its `# warn: [FILE:]LINE:COL message fragment | hint fragment` lines name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputErrors, type InputError } from '../../../engine/core/errors.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';
import { formatProblems } from '../../../cli/validate.js';

const CORPUS = join(import.meta.dirname, '../../corpus/playbooks');

interface Expectation {
  readonly file: string | undefined;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly hint: string | undefined;
}

function playbooks(): string[] {
  return readdirSync(CORPUS)
    .sort()
    .map((name) => join(CORPUS, name))
    .map((p) => (statSync(p).isDirectory() ? join(p, 'playbook.yml') : p))
    .filter((p) => p.endsWith('.yml'));
}

function expectations(text: string, kind: 'expect' | 'warn' = 'expect'): Expectation[] | 'valid' {
  const out: Expectation[] = [];
  for (const line of text.split('\n')) {
    const m = new RegExp(`^# ${kind}: (.*)$`).exec(line);
    if (!m) continue;
    const body = m[1] ?? '';
    if (body.trim() === 'valid') return 'valid';
    const e = /^(?:(\S+):)?(\d+):(\d+) ([^|]+?)(?: \| (.+))?$/.exec(body);
    if (!e) throw new Error(`bad expect line: ${line}`);
    out.push({ file: e[1], line: Number(e[2]), col: Number(e[3]), message: e[4] ?? '', hint: e[5] });
  }
  return out;
}

function problemsOf(file: string, warnings?: InputError[]): InputErrors | undefined {
  try {
    loadPlaybookSync(file, { warnings });
    return undefined;
  } catch (err) {
    if (err instanceof InputErrors) return err;
    throw err;
  }
}

const all = playbooks();

test('the corpus has at least 40 broken playbooks and some valid ones', () => {
  const kinds = all.map((f) => expectations(readFileSync(f, 'utf8')));
  expect(kinds.filter((k) => k !== 'valid').length).toBeGreaterThanOrEqual(40);
  expect(kinds.filter((k) => k === 'valid').length).toBeGreaterThanOrEqual(2);
});

describe.each(all.map((f) => [relative(CORPUS, f), f] as const))('%s', (_name, file) => {
  const wanted = expectations(readFileSync(file, 'utf8'));
  const caseDir = dirname(file) === CORPUS ? CORPUS : dirname(file);

  const findIn = (got: readonly InputError[], w: Expectation) => {
    const wantFile = w.file === undefined ? file : join(caseDir, w.file);
    return got.find((p) => p.loc !== undefined && relative(wantFile, p.loc.file) === '' && p.loc.line === w.line && p.loc.col === w.col && p.message.includes(w.message));
  };

  test('warns exactly as expected', () => {
    const warned = expectations(readFileSync(file, 'utf8'), 'warn');
    const wants = warned === 'valid' ? [] : warned;
    const got: InputError[] = [];
    problemsOf(file, got);
    const shown = got.map((p) => p.describe()).join('\n');
    for (const w of wants) {
      const hit = findIn(got, w);
      expect(hit, `expected warning ${w.file ?? 'playbook'}:${w.line}:${w.col} "${w.message}" among:\n${shown}`).toBeDefined();
      if (w.hint !== undefined) expect(hit?.hint ?? '', `hint of ${w.message}`).toContain(w.hint);
    }
    expect(got.length, `exactly the expected warnings, got:\n${shown}`).toBe(wants.length);
  });

  test(wanted === 'valid' ? 'loads without problems' : 'reports exactly the expected problems', () => {
    const errs = problemsOf(file);
    if (wanted === 'valid') {
      expect(errs?.problems.map((p) => p.describe()) ?? []).toEqual([]);
      return;
    }
    expect(errs, 'the playbook should have been rejected').toBeDefined();
    const got = errs?.problems ?? [];
    const shown = got.map((p) => p.describe()).join('\n');
    for (const w of wanted) {
      const hit = findIn(got, w);
      expect(hit, `expected ${w.file ?? 'playbook'}:${w.line}:${w.col} "${w.message}" among:\n${shown}`).toBeDefined();
      if (w.hint !== undefined) expect(hit?.hint ?? '', `hint of ${w.message}`).toContain(w.hint);
    }
    expect(got.length, `exactly the expected problems, got:\n${shown}`).toBe(wanted.length);
    // what the user sees: file:line:col, a code frame with a caret, never a stack trace
    const text = formatProblems(got);
    expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(text).toContain(`:${wanted[0]?.line}:${wanted[0]?.col}: `);
    expect(text).toMatch(/\n\s+\d+ \| .*\n\s+\| *\t*\s*\^/);
  });
});
