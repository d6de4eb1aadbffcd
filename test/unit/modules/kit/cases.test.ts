// Every module's cases (test/unit/modules/cases/*.yml) run through the engine's own loader, parameter check and
// planner (kit/run-case.ts). A new cases file is picked up with no change here. The kit's README says how to write one.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCasesFile, type Text } from './case-file.js';
import { runCase } from './run-case.js';

const DIR = join(import.meta.dirname, '..', 'cases');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort().map((f) => readCasesFile(join(DIR, f)));

/** Exact, or a regular expression when written /like this/. */
function expectText(actual: string | undefined, want: Text, what: string): void {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(want);
  if (re) expect(actual, what).toMatch(new RegExp(re[1] ?? '', re[2]));
  else expect(actual, what).toBe(want);
}

it('has cases for the modules', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files.map((f) => [f.module, f] as const))('%s', (moduleName, cf) => {
  it.each(cf.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runCase(c, cf.file);
    const e = c.expect;
    if (e.invalid !== undefined) return expectText(r.invalid, e.invalid, 'refusal');
    expect(r.invalid, 'the task was refused').toBeUndefined();
    expect([r.module?.name, ...(r.module?.aliases ?? [])]).toContain(moduleName);
    if (e.probes) expect(Object.keys(r.probes).sort()).toEqual([...e.probes].sort());
    for (const [name, cmd] of Object.entries(e.probe_commands ?? {})) expectText(r.probes[name], cmd, `probe ${name}`);
    if (e.skipped !== undefined) return expectText(r.skipped?.msg ?? (r.plan?.kind === 'skip' ? r.plan.msg : r.finish?.skipped), e.skipped, 'skipped (check mode, the plan, or finish)');
    const p = r.plan;
    if (p === undefined) throw new Error('no plan');
    if (e.ok !== undefined) expectText(p.kind === 'ok' ? p.reason : `(${p.kind})`, e.ok, 'ok reason');
    if (e.fail !== undefined) expectText(p.kind === 'fail' ? p.msg : `(${p.kind})`, e.fail, 'failure');
    if (e.missing_prerequisite !== undefined) expect(p.kind === 'fail' && p.missingPrerequisite !== undefined).toBe(e.missing_prerequisite);
    if (e.change !== undefined) expectText(p.kind === 'change' ? p.summary : `(${p.kind}: ${p.kind === 'ok' ? p.reason : p.msg})`, e.change, 'change summary');
    if (e.steps !== undefined || e.step_count !== undefined) expect(p.kind, p.kind === 'fail' ? p.msg : p.kind === 'ok' ? p.reason : '').toBe('change');
    const steps = p.kind === 'change' ? p.steps.map((s) => s.cmd) : [];
    if (e.steps) {
      expect(steps.length, `steps:\n${steps.join('\n')}`).toBe(e.steps.length);
      e.steps.forEach((want, i) => expectText(steps[i], want, `step ${i + 1}`));
    }
    if (e.step_count !== undefined) expect(steps.length).toBe(e.step_count);
    if (e.step_stdin) {
      const stdins = p.kind === 'change' ? p.steps.map((s) => (s.stdin === undefined ? null : String(s.stdin))) : [];
      expect(stdins.length, 'steps with stdin').toBe(e.step_stdin.length);
      e.step_stdin.forEach((want, i) => (want === null ? expect(stdins[i], `step ${i + 1} stdin`).toBeNull() : expectText(stdins[i] ?? undefined, want, `step ${i + 1} stdin`)));
    }
    if (e.diff) {
      const d = p.kind === 'change' ? p.diff : undefined;
      expectText(d?.before, e.diff.before, 'diff before');
      expectText(d?.after, e.diff.after, 'diff after');
      if (e.diff.path !== undefined) expect(d?.path).toBe(e.diff.path);
    }
    if (e.data) expect(p.data).toMatchObject(e.data);
    if (e.data_keys) expect(Object.keys(p.data ?? {}).sort(), 'the keys of the data').toEqual([...e.data_keys].sort());
    if (e.finish) {
      const f = r.finish;
      if (e.finish.failed !== undefined) expectText(f?.failed, e.finish.failed, 'finish failed');
      else expect(f?.failed, 'finish failed').toBeUndefined();
      if (e.finish.changed !== undefined) expect(f?.changed ?? true).toBe(e.finish.changed);
      if (e.finish.data) expect(f?.data).toMatchObject(e.finish.data);
    }
  });
});
