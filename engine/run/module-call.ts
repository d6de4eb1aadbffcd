// One module on one host: probes in one round trip, the pure plan, then (unless checking) the steps and finish.
// Check mode is safe by construction: in check mode this function never reaches the step loop.
import type { ModuleDef, Observed, Plan, PlanContext, StepOutput } from '../../modules/contract.js';
import type { ExecOptions, Transport } from '../transport/transport.js';
import { buildProbeScript } from './probe-script.js';

export interface ModuleCall {
  readonly module: ModuleDef;
  readonly params: Record<string, unknown>;
  readonly ctx: PlanContext;
  /** absent for controller-only modules */
  readonly transport: Transport | undefined;
  readonly exec: Pick<ExecOptions, 'become' | 'timeoutMs'>;
  readonly check: boolean;
  /** an earlier task of this run predicted a change on this host (check mode) */
  readonly earlierPredictedChange: boolean;
}

export interface CommandRecord {
  readonly cmd: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ModuleOutcome {
  readonly status: 'ok' | 'changed' | 'failed' | 'skipped';
  readonly msg: string;
  readonly predicted: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  readonly diff?: { readonly path?: string | undefined; readonly before: string; readonly after: string } | undefined;
  /** what ran on the host, for -v */
  readonly commands: readonly CommandRecord[];
  /** a failure after which the module still reports a change (command: it ran) */
  readonly changedAnyway?: boolean | undefined;
}

export async function callModule(call: ModuleCall): Promise<ModuleOutcome> {
  const { module, params, ctx } = call;
  const checkMode = module.checkModeFor?.(params) ?? module.checkMode ?? 'plan';
  if (call.check && checkMode === 'skip') {
    return { status: 'skipped', msg: 'skipped: this module cannot predict its effect in check mode', predicted: false, data: {}, commands: [] };
  }
  const commands: CommandRecord[] = [];
  const observed = await runProbes(call, commands);
  const plan: Plan = module.plan(params, observed, ctx);
  switch (plan.kind) {
    case 'ok':
      return { status: 'ok', msg: plan.reason, predicted: false, data: plan.data ?? {}, commands };
    case 'fail':
      if (call.check && call.earlierPredictedChange && plan.missingPrerequisite !== undefined) {
        return { status: 'changed', msg: plan.missingPrerequisite, predicted: true, data: plan.data ?? {}, commands };
      }
      return { status: 'failed', msg: plan.msg, predicted: false, data: plan.data ?? {}, commands };
    case 'change':
      if (call.check) return { status: 'changed', msg: plan.summary, predicted: true, data: plan.data ?? {}, diff: plan.diff, commands };
      return runSteps(call, plan, commands);
  }
}

async function runProbes(call: ModuleCall, commands: CommandRecord[]): Promise<Observed> {
  const probes = call.module.probe?.(call.params, call.ctx) ?? {};
  if (Object.keys(probes).length === 0) return {};
  if (!call.transport) throw new Error(`module ${call.module.name} probes a host but runs on the controller`);
  const script = buildProbeScript(probes);
  // probes only read: they run with the task's become so they see what the steps will act on
  const r = await call.transport.exec(script.script, call.exec);
  const observed = script.parse(r.stdout, r.stderr);
  for (const [name, o] of Object.entries(observed)) commands.push({ cmd: probes[name] ?? name, ...o });
  return observed;
}

async function runSteps(call: ModuleCall, plan: Extract<Plan, { kind: 'change' }>, commands: CommandRecord[]): Promise<ModuleOutcome> {
  const transport = call.transport;
  const outputs: StepOutput[] = [];
  let failed: string | undefined;
  for (const step of plan.steps) {
    if (!transport) throw new Error(`module ${call.module.name} plans host steps but runs on the controller`);
    const r = await transport.exec(step.cmd, { ...call.exec, stdin: step.stdin });
    commands.push({ cmd: step.cmd, code: r.code, stdout: r.stdout, stderr: r.stderr });
    outputs.push({ step, stdout: r.stdout, stderr: r.stderr, code: r.code });
    if (!(step.okCodes ?? [0]).includes(r.code)) {
      const why = (r.stderr.trim() || r.stdout.trim() || `exit code ${r.code}`).split('\n').slice(-5).join('\n');
      failed = `${step.describe} failed: ${why}`;
      break;
    }
  }
  const fin = call.module.finish?.(call.params, outputs) ?? {};
  const data = { ...(plan.data ?? {}), ...(fin.data ?? {}) };
  const failure = fin.failed ?? failed;
  if (failure !== undefined) return { status: 'failed', msg: failure, predicted: false, data, commands, changedAnyway: fin.changed === true };
  const changed = fin.changed ?? true;
  return { status: changed ? 'changed' : 'ok', msg: plan.summary, predicted: false, data, diff: plan.diff, commands };
}
