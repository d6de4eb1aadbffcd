// A module's cases file (test/unit/modules/cases/NAME.yml) read and checked for shape: a mistyped key in a case is
// an error naming the file and the case, never a case that silently asserts nothing.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';

/**
 * What a probe printed: its stdout alone, or all three; `stdout_file` names a recorded real output under
 * test/unit/modules/fixtures/ instead of `stdout`. A timed step's output also gives the host's `clock` readings.
 */
export type ProbeData =
  | string
  | {
      readonly stdout?: string;
      readonly stdout_file?: string;
      readonly stderr?: string;
      readonly code?: number;
      readonly clock?: { readonly start: string; readonly end: string };
    };

/** A string written /like this/ is a regular expression; any other string must match exactly. */
export type Text = string;

export interface FinishExpect {
  /** what the steps printed, one per planned step (stdout alone, or all three) */
  readonly outputs: readonly ProbeData[];
  readonly failed?: Text | undefined;
  readonly changed?: boolean | undefined;
  /** a subset of the result's data */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
}

export interface Expect {
  /** the task is refused: by the loader (validate) or by the run-time parameter check */
  readonly invalid?: Text | undefined;
  /** the probe names the module asks for, exactly */
  readonly probes?: readonly string[] | undefined;
  /** probe commands by name, each exact or /regex/ */
  readonly probe_commands?: Readonly<Record<string, Text>> | undefined;
  /** nothing to do, for this reason */
  readonly ok?: Text | undefined;
  /** steps to run, with this summary */
  readonly change?: Text | undefined;
  /** the step commands, each exact or /regex/ */
  readonly steps?: readonly Text[] | undefined;
  /** what each step gets on stdin, exact or /regex/; null for none */
  readonly step_stdin?: readonly (Text | null)[] | undefined;
  /** the step count, when the commands are too long to write */
  readonly step_count?: number | undefined;
  readonly fail?: Text | undefined;
  /** a fail that an earlier task of the run could cure (check mode predicts a change instead) */
  readonly missing_prerequisite?: boolean | undefined;
  /** check mode skips the module (command, shell), or the plan or finish skips the task: the skipped result's message */
  readonly skipped?: Text | undefined;
  readonly diff?: { readonly path?: string; readonly before: Text; readonly after: Text } | undefined;
  /** a subset of the plan's data (registered values) */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
  /** every key of the plan's data, in any order (none: []) */
  readonly data_keys?: readonly string[] | undefined;
  readonly finish?: FinishExpect | undefined;
}

export interface ModuleCase {
  readonly name: string;
  /** the task as a user writes it: `yum: name=x` text, or a mapping ({yum: {name: x}}) */
  readonly task: string | Readonly<Record<string, unknown>>;
  readonly vars?: Readonly<Record<string, unknown>> | undefined;
  /** variables whose values are recorded files under test/unit/modules/fixtures/ (a domain's XML, say) */
  readonly vars_files?: Readonly<Record<string, string>> | undefined;
  /** the run's -v count (debug's verbosity threshold) */
  readonly verbosity?: number | undefined;
  readonly facts?: Readonly<Record<string, unknown>> | undefined;
  readonly check?: boolean | undefined;
  readonly diff?: boolean | undefined;
  readonly remote_user?: string | undefined;
  /** controller files (files/, templates/, vars/) by relative path */
  readonly files?: Readonly<Record<string, string>> | undefined;
  readonly probes?: Readonly<Record<string, ProbeData>> | undefined;
  readonly expect: Expect;
}

export interface CasesFile {
  readonly file: string;
  /** the module the file is about (its name: yum.yml is yum's) */
  readonly module: string;
  readonly cases: readonly ModuleCase[];
}

const CASE_KEYS = new Set(['name', 'task', 'vars', 'vars_files', 'verbosity', 'facts', 'check', 'diff', 'remote_user', 'files', 'probes', 'expect']);
const EXPECT_KEYS = new Set(['invalid', 'probes', 'probe_commands', 'ok', 'change', 'steps', 'step_stdin', 'step_count', 'fail', 'missing_prerequisite', 'skipped', 'diff', 'data', 'data_keys', 'finish']);
const OUTCOMES = ['invalid', 'ok', 'change', 'fail', 'skipped'] as const;
const MERGED = ['probes', 'vars', 'vars_files', 'facts', 'files'] as const;

export function readCasesFile(file: string): CasesFile {
  const doc = parse(readFileSync(file, 'utf8')) as { defaults?: Record<string, unknown>; cases?: unknown[] } | null;
  const where = (i: number, name: unknown) => `${basename(file)}: case ${i + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
  if (!doc || !Array.isArray(doc.cases) || doc.cases.length === 0) throw new Error(`${basename(file)}: expected a list of cases under 'cases:'`);
  const defaults = doc.defaults ?? {};
  const cases = doc.cases.map((raw, i) => {
    const own = raw as Record<string, unknown>;
    // a case's own probes, vars, facts and files add to the defaults' (and win)
    const merged = Object.fromEntries(MERGED.filter((k) => k in defaults || k in own).map((k) => [k, { ...(defaults[k] as object), ...(own[k] as object) }]));
    const c = { ...defaults, ...own, ...merged };
    const unknown = Object.keys(c).filter((k) => !CASE_KEYS.has(k));
    if (unknown.length > 0) throw new Error(`${where(i, c.name)}: unknown key(s) ${unknown.join(', ')}`);
    if (typeof c.name !== 'string' || c.task === undefined || typeof c.expect !== 'object' || c.expect === null) {
      throw new Error(`${where(i, c.name)}: a case needs name, task and expect`);
    }
    const expect = c.expect as Record<string, unknown>;
    const badExpect = Object.keys(expect).filter((k) => !EXPECT_KEYS.has(k));
    if (badExpect.length > 0) throw new Error(`${where(i, c.name)}: unknown expect key(s) ${badExpect.join(', ')}`);
    // steps alone say the plan is a change
    const outcomes = OUTCOMES.filter((k) => k in expect || (k === 'change' && ('steps' in expect || 'step_count' in expect || 'step_stdin' in expect)));
    if (outcomes.length !== 1) throw new Error(`${where(i, c.name)}: expect exactly one of ${OUTCOMES.join(', ')}, or steps (has ${outcomes.join(', ') || 'none'})`);
    return c as unknown as ModuleCase;
  });
  return { file, module: basename(file, '.yml'), cases };
}
