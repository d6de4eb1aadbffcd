// Test helpers for module plans: a PlanContext, observed-output builders, and a local applier that runs a
// module's real probe and step commands with sh in a scratch directory (to prove quoting and idempotency).
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import type { HostFacts } from '../../../engine/core/facts.js';
import type { ModuleDef, Observed, Plan, PlanContext, ProbeOutput, StepOutput } from '../../../modules/contract.js';

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

export const missing: ProbeOutput = { stdout: '', stderr: 'No such file or directory', code: 1 };

/** A stat probe's output as statCommand prints it. */
export function stat(type: 'file' | 'directory' | 'link', mode: string, owner = 'root', group = 'root', inode = '2049:100'): ProbeOutput {
  const kind = type === 'file' ? 'regular file' : type === 'directory' ? 'directory' : 'symbolic link';
  const id = (n: string): number => (n === 'root' ? 0 : 1000);
  return out(`${kind}|${mode}|${owner}|${group}|${id(owner)}|${id(group)}|10|${inode}\n`);
}

export function facts(pkgMgr: string): HostFacts {
  return {
    os_family: pkgMgr === 'apt' ? 'Debian' : 'RedHat',
    distribution: pkgMgr === 'apt' ? 'Debian' : 'Rocky',
    distribution_version: '8.9',
    distribution_major_version: '8',
    pkg_mgr: pkgMgr,
    service_mgr: 'systemd',
    architecture: 'x86_64',
    kernel: '6.1.0',
    hostname: 'h1',
    fqdn: 'h1.lab',
    memtotal_mb: 4096,
    processor_vendor: 'GenuineIntel',
    processor_flags: ['vmx'],
    virtualization_flags: ['vmx'],
    kvm_device: true,
    user_id: 'root',
  };
}

/** A data case of a module's plan: parameters and probe outputs in, and what the plan must show. */
export interface PlanCase {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly observed: Record<string, ProbeOutput>;
  readonly kind: Plan['kind'];
  /** the step commands, exactly */
  readonly cmds?: readonly string[];
  /** matched against the reason (ok), the message (fail) or the summary (change) */
  readonly text?: RegExp;
  /** how many steps */
  readonly steps?: number;
  /** whether the failure is a missing prerequisite (an earlier task may provide it) */
  readonly prerequisite?: boolean;
}

/** Asserts what `c` expects of the plan `p`: its kind always, the rest where the case gives it. */
export function expectPlan(p: Plan, c: PlanCase): void {
  expect(p.kind).toBe(c.kind);
  if (c.steps !== undefined) expect(p.kind === 'change' ? p.steps.length : -1).toBe(c.steps);
  if (c.cmds) expect(p.kind === 'change' ? p.steps.map((s) => s.cmd) : []).toEqual(c.cmds);
  if (c.text) expect(p.kind === 'ok' ? p.reason : p.kind === 'change' ? p.summary : p.msg).toMatch(c.text);
  if (c.prerequisite !== undefined) expect(p.kind === 'fail' && p.missingPrerequisite !== undefined).toBe(c.prerequisite);
}

/** Plan the way the engine does, with a module typed by its own schema. */
export function plan(m: ModuleDef, params: Record<string, unknown>, observed: Observed, c: PlanContext = ctx()): Plan {
  return m.plan(params, observed, c);
}

export function probes(m: ModuleDef, params: Record<string, unknown>, c: PlanContext = ctx()): Record<string, string> {
  return { ...(m.probe?.(params, c) ?? {}) };
}

function sh(cmd: string, cwd: string, stdin?: string | Buffer): ProbeOutput {
  const r = spawnSync('sh', ['-c', cmd], { cwd, input: stdin ?? '', encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 };
}

/** Run the module's probes locally, plan, run the steps (unless ok/fail) and finish: one engine round, in small. */
export function applyLocally(m: ModuleDef, params: Record<string, unknown>, cwd: string, c: PlanContext = ctx()): { plan: Plan; outputs: StepOutput[]; failed?: string | undefined } {
  const observed: Record<string, ProbeOutput> = {};
  for (const [name, cmd] of Object.entries(probes(m, params, c))) observed[name] = sh(cmd, cwd);
  const p = plan(m, params, observed, c);
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
