// Runs a module's real probe and step commands with this machine's sh in a scratch directory (one engine round, in
// small), to prove quoting and idempotence; with a PlanContext for tests that call a module directly.
import { spawnSync } from 'node:child_process';
import type { ModuleDef, Plan, PlanContext, ProbeOutput, StepOutput } from '../../../../modules/contract.js';

/** A PlanContext with plain defaults; `files` are controller files, `vars` the variables `{{ name }}` reads. */
export function ctx(over: Partial<PlanContext> & { files?: Record<string, string>; vars?: Record<string, unknown> } = {}): PlanContext {
  const files = over.files ?? {};
  const vars = over.vars ?? {};
  return {
    facts: over.facts,
    check: over.check ?? false,
    diff: over.diff ?? false,
    verbosity: over.verbosity ?? 0,
    remoteUser: over.remoteUser ?? 'root',
    render: over.render ?? ((t: string) => t.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(vars[k]))),
    evaluate:
      over.evaluate ??
      ((e: string) => {
        if (!(e in vars)) throw new Error(`'${e}' is undefined`);
        return vars[e];
      }),
    readLocalFile:
      over.readLocalFile ??
      ((p: string) => {
        const f = files[p];
        if (f === undefined) throw new Error(`no such file: ${p}`);
        return f;
      }),
    walkVarsDir: over.walkVarsDir ?? ((dir: string) => ({ kind: 'missing', path: dir })),
  };
}

export function out(stdout: string, code = 0, stderr = ''): ProbeOutput {
  return { stdout, stderr, code };
}

/** the probe commands the module asks for */
export function probes(m: ModuleDef, params: Record<string, unknown>, c: PlanContext = ctx()): Record<string, string> {
  return { ...(m.probe?.(params, c) ?? {}) };
}

function sh(cmd: string, cwd: string, stdin?: string | Buffer): ProbeOutput {
  const r = spawnSync('sh', ['-c', cmd], { cwd, input: stdin ?? '', encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 };
}

/** Run the module's probes locally, plan, run the steps (unless ok/fail) and finish. */
export function applyLocally(m: ModuleDef, params: Record<string, unknown>, cwd: string, c: PlanContext = ctx()): { plan: Plan; outputs: StepOutput[]; failed?: string | undefined } {
  const observed: Record<string, ProbeOutput> = {};
  for (const [name, cmd] of Object.entries(probes(m, params, c))) observed[name] = sh(cmd, cwd);
  const p = m.plan(params, observed, c);
  const outputs: StepOutput[] = [];
  if (p.kind !== 'change') return { plan: p, outputs };
  for (const step of p.steps) {
    const r = sh(step.cmd, cwd, step.stdin);
    outputs.push({ step, ...r });
    if (!(step.okCodes ?? [0]).includes(r.code)) return { plan: p, outputs, failed: `${step.describe}: ${r.stderr}` };
  }
  const fin = m.finish?.(params, outputs);
  return { plan: p, outputs, failed: fin?.failed };
}

/** Plan the way the engine does, with a module typed by its own schema. */
export function plan(m: ModuleDef, params: Record<string, unknown>, observed: Record<string, ProbeOutput>, c: PlanContext = ctx()): Plan {
  return m.plan(params, observed, c);
}
