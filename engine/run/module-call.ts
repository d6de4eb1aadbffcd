// One module on one host: probes, the pure plan, then (unless checking) the steps and finish, all in one round
// trip when it can: the probe script waits on stdin for the steps planned from its output.
// Check mode is safe by construction: in check mode no step is ever written or run, only a plan's checkSteps, which
// a module gives only where they read and change nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostSession, ModuleDef, Observed, Plan, PlanContext, Step, StepOutput } from '../../modules/contract.js';
import type { HostCommand } from '../core/events.js';
import { LocalTransport } from '../transport/local-transport.js';
import type { ExecOptions, ExecResult, Transport } from '../transport/transport.js';
import { nulInExec, nulInProbes, nulInSteps } from './nul-bytes.js';
import { buildProbeScript, newMarker } from './probe-script.js';
import { awaitStepsTail, parseStepOutputs, parseTimedStep, readyLine, stepsScript, timedStepScript } from './step-script.js';

export interface ModuleCall {
  readonly module: ModuleDef;
  readonly params: Record<string, unknown>;
  readonly ctx: PlanContext;
  /** absent for controller-only modules */
  readonly transport: Transport | undefined;
  readonly exec: Pick<ExecOptions, 'become' | 'timeoutMs' | 'env' | 'cwd'>;
  readonly check: boolean;
  /** an earlier task of this run predicted a change on this host (check mode) */
  readonly earlierPredictedChange: boolean;
  /** closes the host's connections and opens a new one (a module's act, after the host restarted) */
  readonly reconnect?: (() => Promise<Transport>) | undefined;
  /** opens the host's connection (a connectsItself module's act, when it first runs a command) */
  readonly connect?: (() => Promise<Transport>) | undefined;
}

export type CommandRecord = HostCommand;

export interface ModuleOutcome {
  readonly status: 'ok' | 'changed' | 'failed' | 'skipped';
  readonly msg: string;
  readonly predicted: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  readonly diff?: { readonly path?: string | undefined; readonly before: string; readonly after: string } | undefined;
  /** what ran on the host: kplay's own account (--json from -v on), never part of the result */
  readonly commands: readonly CommandRecord[];
  /** a failure after which the module still reports a change (command: it ran) */
  readonly changedAnyway?: boolean | undefined;
  /**
   * failed by the task (its failed_when, or an until that never held), not by its module: as in Ansible, the result's
   * msg is then the module's own (data.msg), none when the module gave none; `msg` keeps kplay's words for it
   */
  readonly failedByTask?: boolean | undefined;
}

/**
 * In check mode, a module that cannot predict its effect (command, shell without creates/removes) is skipped with
 * the result Ansible gives; undefined when the module plans (probes and plan, never a step).
 */
export function skippedByCheckMode(module: ModuleDef, params: Record<string, unknown>): ModuleOutcome | undefined {
  const checkMode = module.checkModeFor?.(params) ?? module.checkMode ?? 'plan';
  if (checkMode !== 'skip') return undefined;
  const skipped = module.checkSkipped?.(params);
  return { status: 'skipped', msg: skipped?.msg ?? 'skipped: this module cannot predict its effect in check mode', predicted: false, data: skipped?.data ?? {}, commands: [] };
}

export async function callModule(call: ModuleCall): Promise<ModuleOutcome> {
  const { module, params } = call;
  const skipped = call.check ? skippedByCheckMode(module, params) : undefined;
  if (skipped) return skipped;
  if (module.act) return actOnHost(call, module.act.bind(module));
  const commands: CommandRecord[] = [];
  const probes = module.probe?.(params, call.ctx) ?? {};
  // checked before anything is sent: sshd would drop the connection, and the host would look unreachable
  const nul = call.transport ? (nulInExec(call.exec) ?? nulInProbes(probes)) : undefined;
  if (nul !== undefined) return failure(nul, commands);
  if (Object.keys(probes).length === 0) return decide(call, module.plan(params, {}, call.ctx), commands, undefined);
  return probeAndApply(call, probes, commands);
}

/** A module that drives the host itself (reboot) through a session on the task's connection. */
async function actOnHost(call: ModuleCall, act: NonNullable<ModuleDef['act']>): Promise<ModuleOutcome> {
  let transport = call.transport;
  const connect = call.connect;
  if (!transport && !connect) throw new Error(`module ${call.module.name} drives a host but runs on the controller`);
  const commands: CommandRecord[] = [];
  const session: HostSession = {
    local: transport instanceof LocalTransport,
    exec: async (command, stdin) => {
      transport ??= await connect?.();
      if (!transport) throw new Error('no connection');
      const r = await transport.exec(command, { ...call.exec, stdin });
      commands.push({ cmd: command, code: r.code, stdout: r.stdout, stderr: r.stderr });
      return { stdout: r.stdout, stderr: r.stderr, code: r.code };
    },
    reconnect: async () => {
      if (!call.reconnect) throw new Error(`module ${call.module.name} reconnects, and this call cannot`);
      transport = undefined;
      transport = await call.reconnect();
    },
  };
  const r = await act(call.params, session, call.ctx);
  return { status: r.status, msg: r.msg, predicted: call.check && r.status === 'changed', data: r.data, commands };
}

async function probeAndApply(call: ModuleCall, probes: Readonly<Record<string, string>>, commands: CommandRecord[]): Promise<ModuleOutcome> {
  const transport = call.transport;
  if (!transport) throw new Error(`module ${call.module.name} probes a host but runs on the controller`);
  const marker = newMarker();
  const script = buildProbeScript(probes, marker);
  const ready = `${readyLine(marker)}\n`;
  let decided: { observed: Observed; plan: Plan; steps: readonly Step[] } | undefined;
  // probes only read: they run with the task's become so they see what the steps will act on
  const r: ExecResult = await transport.exec(`${script.script}\n${awaitStepsTail(marker)}`, {
    ...call.exec,
    stdin: {
      after: { stdout: ready, stderr: ready },
      write: (stdout: string, stderr: string) => {
        const observed = script.parse(stdout, stderr);
        const plan = call.module.plan(call.params, observed, call.ctx);
        decided = { observed, plan, steps: inChannel(call, plan) };
        return stepsScript(marker, decided.steps);
      },
    },
  });
  // the script died before its probes finished: plan from what it printed, as a separate probe run would
  const observed = decided?.observed ?? script.parse(r.stdout, r.stderr);
  for (const [name, o] of Object.entries(observed)) commands.push({ cmd: probes[name] ?? name, ...o });
  const plan = decided?.plan ?? call.module.plan(call.params, observed, call.ctx);
  const ran = decided !== undefined && decided.steps.length > 0 ? parseStepOutputs(r.stdout, r.stderr, marker, decided.steps) : undefined;
  return decide(call, plan, commands, ran);
}

/** The steps a plan runs: in check mode only its checkSteps. */
function stepsToRun(call: ModuleCall, plan: Extract<Plan, { kind: 'change' }>): readonly Step[] {
  return call.check ? (plan.checkSteps ?? []) : plan.steps;
}

/** The steps that can follow the probes in their channel: none needing its own stdin. */
function inChannel(call: ModuleCall, plan: Plan): readonly Step[] {
  if (plan.kind !== 'change') return [];
  const steps = stepsToRun(call, plan);
  if (nulInSteps(steps) !== undefined) return [];
  return steps.every((s) => s.stdin === undefined) ? steps : [];
}

/** `ran`: what the steps written into the probe channel did (undefined: none were written there). */
async function decide(call: ModuleCall, plan: Plan, commands: CommandRecord[], ran: readonly StepOutput[] | undefined): Promise<ModuleOutcome> {
  switch (plan.kind) {
    case 'ok':
      return { status: 'ok', msg: plan.reason, predicted: false, data: plan.data ?? {}, commands };
    case 'skip':
      return { status: 'skipped', msg: plan.msg, predicted: false, data: plan.data ?? {}, commands };
    case 'fail':
      if (call.check && call.earlierPredictedChange && plan.missingPrerequisite !== undefined) {
        return { status: 'changed', msg: plan.missingPrerequisite, predicted: true, data: plan.data ?? {}, commands };
      }
      return { status: 'failed', msg: plan.msg, predicted: false, data: plan.data ?? {}, commands };
    case 'change': {
      // a step that could never be sent fails in check mode too
      const nul = call.transport ? nulInSteps(plan.steps) : undefined;
      if (nul !== undefined) return failure(nul, commands);
      if (call.check && plan.checkSteps === undefined) return { status: 'changed', msg: plan.summary, predicted: true, data: plan.data ?? {}, diff: plan.diff, commands };
      return finishSteps(call, plan, ran ?? (await runSteps(call, stepsToRun(call, plan))), commands);
    }
  }
}

function failure(msg: string, commands: CommandRecord[]): ModuleOutcome {
  return { status: 'failed', msg, predicted: false, data: {}, commands };
}

/** Each step in its own exec, stopping at the first that fails (steps that feed stdin, or no probes ran). */
async function runSteps(call: ModuleCall, steps: readonly Step[]): Promise<StepOutput[]> {
  const transport = call.transport;
  const outputs: StepOutput[] = [];
  for (const step of steps) {
    if (!transport) throw new Error(`module ${call.module.name} plans host steps but runs on the controller`);
    const out = await runStep(transport, call, step);
    outputs.push(out);
    if (!succeeded(step, out.code)) break;
  }
  return outputs;
}

/** One step in its own exec: as it is, or framed when it is timed (the clock readings then come with its output). */
async function runStep(transport: Transport, call: ModuleCall, step: Step): Promise<StepOutput> {
  if (step.timed !== true) {
    const r = await transport.exec(step.cmd, { ...call.exec, stdin: step.stdin });
    return { step, stdout: r.stdout, stderr: r.stderr, code: r.code };
  }
  const marker = newMarker();
  return parseTimedStep(await transport.exec(timedStepScript(marker, step), { ...call.exec, stdin: step.stdin }), marker, step);
}

function succeeded(step: Step, code: number): boolean {
  return (step.okCodes ?? [0]).includes(code);
}

/** Write a file a module fetched onto the controller; the failure message, or undefined. */
function saveLocal(file: { readonly path: string; readonly content: Buffer }): string | undefined {
  try {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
    return undefined;
  } catch (err) {
    return `Failed to fetch the file: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function finishSteps(call: ModuleCall, plan: Extract<Plan, { kind: 'change' }>, outputs: readonly StepOutput[], commands: CommandRecord[]): ModuleOutcome {
  let failed: string | undefined;
  for (const o of outputs) {
    commands.push({ cmd: o.step.cmd, code: o.code, stdout: o.stdout, stderr: o.stderr });
    if (failed === undefined && !succeeded(o.step, o.code)) {
      const why = (o.stderr.trim() || o.stdout.trim() || `exit code ${o.code}`).split('\n').slice(-5).join('\n');
      failed = `${o.step.describe} failed: ${why}`;
    }
  }
  const fin = call.module.finish?.(call.params, outputs) ?? {};
  const data = { ...(plan.data ?? {}), ...(fin.data ?? {}) };
  // check mode writes nothing on the controller either
  const failure = fin.failed ?? failed ?? (fin.saveLocal === undefined || call.check ? undefined : saveLocal(fin.saveLocal));
  if (failure !== undefined) return { status: 'failed', msg: failure, predicted: false, data, commands, changedAnyway: fin.changed === true };
  if (fin.skipped !== undefined) return { status: 'skipped', msg: fin.skipped, predicted: false, data, commands };
  const changed = fin.changed ?? true;
  return { status: changed ? 'changed' : 'ok', msg: plan.summary, predicted: call.check && changed, data, diff: plan.diff, commands };
}
