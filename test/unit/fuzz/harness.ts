// The property the fuzz tests hold loaders to: they load, or throw input problems each located inside a real file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import fc from 'fast-check';
import { formatProblems } from '../../../cli/validate.js';
import { InputError, InputErrors } from '../../../engine/core/errors.js';
import { formatLoc } from '../../../engine/core/location.js';
import { applyMutations, mutations, type Mutation } from './mutate.js';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');

/** Why an outcome breaks the property (empty: it holds). */
export function violations(err: unknown, cwd: string): string[] {
  if (err === undefined) return [];
  let problems: readonly InputError[];
  if (err instanceof InputErrors) problems = err.problems;
  else if (err instanceof InputError) problems = [err];
  else return [`not an input error: ${err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err)}`];
  if (problems.length === 0) return ['InputErrors without any problem'];
  return problems.flatMap((p) => {
    if (!(p instanceof InputError)) return [`problem is not an InputError: ${String(p)}`];
    if (!p.loc) return [`problem without a location: ${p.message}`];
    const { file, line, col } = p.loc;
    const where = `${file}:${line}:${col} (${p.message})`;
    if (!Number.isInteger(line) || !Number.isInteger(col) || line < 1 || col < 1) return [`bad position ${where}`];
    let text: string;
    try {
      text = readFileSync(isAbsolute(file) ? file : join(cwd, file), 'utf8');
    } catch {
      return [`location names a file that cannot be read: ${where}`];
    }
    const lines = text.split('\n');
    if (line > lines.length) return [`line past the end of the file (${lines.length} lines): ${where}`];
    const width = (lines[line - 1] ?? '').length;
    if (col > width + 1) return [`column past the end of line ${line} (${width} chars): ${where}`];
    return [];
  });
}

/**
 * What `kplay validate`/`run` print for the problems (code frames, read from files relative to the working
 * directory): must not throw, and must name each place.
 */
export function formatViolations(err: unknown): string[] {
  const problems = err instanceof InputErrors ? err.problems : err instanceof InputError ? [err] : [];
  if (problems.length === 0) return [];
  let text: string;
  try {
    text = formatProblems(problems);
  } catch (e) {
    return [`formatting the problems threw: ${e instanceof Error ? (e.stack ?? e.message) : JSON.stringify(e)}`];
  }
  return problems.flatMap((p) => (p.loc && !text.includes(formatLoc(p.loc)) ? [`printed problems do not name ${formatLoc(p.loc)}`] : []));
}

/** A valid input copied to a temp dir: the entry to load and the files a mutation may touch. */
export interface Subject {
  readonly name: string;
  readonly entry: string;
  readonly files: readonly string[];
  readonly originals: ReadonlyMap<string, string>;
}

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && keep(f))
    .sort();
}

/**
 * Copy `source` (a file, or a directory when `dirOf` is given: the whole directory travels, so roles, imports and
 * group_vars come along) into `root`; `entry` is then the file to load, relative to the copied directory.
 */
export function makeSubject(root: string, source: string, entry?: string, keep: (f: string) => boolean = () => true): Subject {
  const dest = join(root, `${basename(source)}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(source, dest, { recursive: true });
  const isDir = statSync(dest).isDirectory();
  const files = isDir ? filesUnder(dest, keep) : [dest];
  const target = isDir ? join(dest, entry ?? '') : dest;
  return { name: source.replace(`${REPO}/`, ''), entry: target, files, originals: new Map(files.map((f) => [f, readFileSync(f, 'utf8')])) };
}

export const tempRoot = (tag: string): string => mkdtempSync(join(tmpdir(), `kplay-fuzz-${tag}-`));
export const removeRoot = (root: string): void => rmSync(root, { recursive: true, force: true });

const isYamlLike = (f: string): boolean => /\.(ya?ml|json)$/.test(f) || !/\.[a-z0-9]+$/i.test(basename(f));

/**
 * Run `runs` mutated loads of each subject through `load`; a failure names the subject, the file, the mutations and
 * the mutated text (fast-check shrinks them first).
 */
export interface FuzzTally {
  /** mutated inputs that loaded */
  loaded: number;
  /** mutated inputs rejected with located input problems */
  rejected: number;
}

/**
 * The seed: fixed by default so a run is reproducible (CI must not fail by chance on a fault found elsewhere);
 * KPLAY_FUZZ_SEED=random explores new inputs, KPLAY_FUZZ_SEED=N replays a failure fast-check reported.
 */
export function fuzzSeed(): { seed?: number } {
  const v = process.env.KPLAY_FUZZ_SEED;
  if (v === 'random') return {};
  return { seed: v === undefined ? 20261123 : Number(v) };
}

export async function fuzzSubjects(subjects: readonly Subject[], runs: number, load: (s: Subject) => Promise<unknown>, cwd: string): Promise<FuzzTally> {
  const tally: FuzzTally = { loaded: 0, rejected: 0 };
  const pickSubject = fc.integer({ min: 0, max: subjects.length - 1 });
  const arb = pickSubject.chain((si) => {
    const s = subjects[si] as Subject;
    return fc.tuple(fc.constant(si), fc.integer({ min: 0, max: s.files.length - 1 }).chain((fi) => fc.tuple(fc.constant(fi), mutations(isYamlLike(s.files[fi] as string)))));
  });
  await fc.assert(
    fc.asyncProperty(arb, async ([si, [fi, ms]]: [number, [number, Mutation[]]]) => {
      const s = subjects[si] as Subject;
      const file = s.files[fi] as string;
      const original = s.originals.get(file) ?? '';
      const mutated = applyMutations(original, ms);
      writeFileSync(file, mutated);
      let caught: unknown;
      let bad: string[];
      try {
        await load(s);
      } catch (err) {
        caught = err ?? new Error('thrown undefined');
      }
      try {
        bad = [...violations(caught, cwd), ...formatViolations(caught)]; // against the mutated text, still in place
      } finally {
        writeFileSync(file, original);
      }
      if (caught === undefined) tally.loaded++;
      else tally.rejected++;
      if (bad.length > 0) {
        throw new Error(`${s.name}: ${file} mutated by ${JSON.stringify(ms)}:\n${bad.join('\n')}\n--- mutated text ---\n${mutated}`);
      }
    }),
    { numRuns: runs, ...fuzzSeed() },
  );
  return tally;
}

/** The mutations must really exercise both paths: a fuzz that only ever loads (or only ever fails) proves little. */
export function expectBothOutcomes(t: FuzzTally, runs: number, minRejected = 0.2): void {
  if (t.loaded + t.rejected < runs) throw new Error(`only ${t.loaded + t.rejected} of ${runs} runs happened`);
  if (t.rejected < runs * minRejected) throw new Error(`only ${t.rejected} of ${runs} mutated inputs were rejected: the mutations are too weak`);
  if (t.loaded < runs * 0.02) throw new Error(`only ${t.loaded} of ${runs} mutated inputs loaded: the subjects may be broken`);
}
