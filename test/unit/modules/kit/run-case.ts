// One case through the engine's own code, as a task of a playbook goes: the loader (free form, aliases, validate's
// checks), the template rendering of the arguments, the run-time parameter check (defaults, 'yes' -> true), the
// check-mode decision, then the module's probe(), plan() and finish() over the case's probe and step outputs.
import { dict } from '../../../../engine/core/dict.js';
import { InputErrors } from '../../../../engine/core/errors.js';
import type { HostFacts } from '../../../../engine/core/facts.js';
import { newLoadCtx } from '../../../../engine/playbook/context.js';
import { parseTaskList } from '../../../../engine/playbook/task.js';
import { skippedByCheckMode, type ModuleOutcome } from '../../../../engine/run/module-call.js';
import { checkParams } from '../../../../engine/run/params.js';
import { evaluate, renderTemplateFile, renderTracked } from '../../../../engine/template/index.js';
import { parseYaml } from '../../../../engine/yaml/load.js';
import type { Finish, ModuleDef, Plan, PlanContext, ProbeOutput, StepOutput } from '../../../../modules/contract.js';
import { findModule } from '../../../../modules/registry.js';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, posix } from 'node:path';
import { stringify } from 'yaml';
import type { ModuleCase, ProbeData } from './case-file.js';

export interface CaseRun {
  /** the loader's or the parameter check's refusal */
  readonly invalid?: string | undefined;
  readonly module?: ModuleDef | undefined;
  readonly probes: Readonly<Record<string, string>>;
  readonly plan?: Plan | undefined;
  readonly skipped?: ModuleOutcome | undefined;
  readonly finish?: Finish | undefined;
}

const BASE = '/kplay-kit';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function probeOutput(d: ProbeData): ProbeOutput {
  if (typeof d === 'string') return { stdout: d, stderr: '', code: 0 };
  const stdout = d.stdout_file === undefined ? (d.stdout ?? '') : readFileSync(join(FIXTURES, d.stdout_file), 'utf8');
  return { stdout, stderr: d.stderr ?? '', code: d.code ?? 0 };
}

/** A step's output: a probe's, with the host's clock readings of a timed step when the case gives them. */
function stepOutput(d: ProbeData): Omit<StepOutput, 'step'> {
  return typeof d === 'string' || d.clock === undefined ? probeOutput(d) : { ...probeOutput(d), clock: d.clock };
}

/** The task the case writes, loaded as the playbook loader loads a task (its problems are validate's). */
function loadTask(c: ModuleCase, file: string) {
  const task = typeof c.task === 'string' ? (parseYaml(c.task, file).value as Record<string, unknown>) : c.task;
  const source = parseYaml(stringify([{ name: c.name, ...task }]), file);
  const ctx = newLoadCtx(parseTaskList);
  const nodes = parseTaskList(source.value, ctx, { baseDir: BASE, fileDir: BASE, playDir: BASE, inHandlers: false });
  try {
    ctx.problems.throwIfAny();
  } catch (err) {
    if (err instanceof InputErrors) return { invalid: err.problems.map((e) => e.message).join('\n') };
    throw err;
  }
  const node = nodes[0];
  if (node?.kind !== 'task') throw new Error(`${file}: the case's task is not a module task`);
  return { node };
}

function planContext(c: ModuleCase, vars: Record<string, unknown>): PlanContext {
  const where = { loc: { file: BASE, line: 1, col: 1 }, task: c.name };
  const files = c.files ?? {};
  return {
    facts: c.facts as HostFacts | undefined,
    check: c.check ?? false,
    diff: c.diff ?? false,
    verbosity: c.verbosity ?? 0,
    remoteUser: c.remote_user ?? 'root',
    render: (text) => renderTemplateFile(text, vars, where),
    evaluate: (expr) => evaluate(expr, vars, where),
    readLocalFile: (rel) => {
      const text = files[rel] === undefined ? undefined : fileBytes(files[rel]).toString('utf8');
      if (text === undefined) throw new Error(`could not find ${rel} (the case gives files: ${Object.keys(files).join(', ') || 'none'})`);
      return text;
    },
    walkVarsDir: (dir) => ({ kind: 'missing', path: dir }),
    readLocalBytes: (rel) => {
      const text = files[rel];
      if (text === undefined) throw new Error(`could not find ${rel} (the case gives files: ${Object.keys(files).join(', ') || 'none'})`);
      return fileBytes(text);
    },
    // the case's files are also what the controller holds under the playbook's directory (fetch's dest)
    controllerFile: (path) => {
      const abs = posix.resolve(BASE, path);
      const text = files[posix.relative(BASE, abs)];
      if (text === undefined) return { path: abs, kind: Object.keys(files).some((f) => `${BASE}/${f}`.startsWith(`${abs}/`)) ? 'directory' : 'missing' };
      const hash = (algo: string): string => createHash(algo).update(text, 'utf8').digest('hex');
      return { path: abs, kind: 'file', sha1: hash('sha1'), md5: hash('md5') };
    },
  };
}

export function runCase(c: ModuleCase, file: string): CaseRun {
  const loaded = loadTask(c, file);
  if ('invalid' in loaded) return { invalid: loaded.invalid, probes: {} };
  const { node } = loaded;
  const module = findModule(node.module);
  if (!module) throw new Error(`${file}: no module ${node.module}`);
  const fromFiles = Object.fromEntries(Object.entries(c.vars_files ?? {}).map(([name, rel]) => [name, readFileSync(join(FIXTURES, rel), 'utf8')]));
  const vars = dict(fromFiles, c.vars ?? {});
  const rendered = renderTracked(node.args, vars, { loc: node.argsLoc, task: c.name }).value as Record<string, unknown>;
  const checked = checkParams(module, rendered);
  if (!checked.ok) return { invalid: checked.msg, module, probes: {} };
  const { params } = checked;
  const ctx = planContext(c, vars);
  const skipped = ctx.check ? skippedByCheckMode(module, params) : undefined;
  if (skipped) return { module, probes: {}, skipped };
  const probes = { ...(module.probe?.(params, ctx) ?? {}) };
  const observed: Record<string, ProbeOutput> = {};
  for (const name of Object.keys(probes)) {
    const given = c.probes?.[name];
    if (given === undefined) throw new Error(`${file}: case "${c.name}": the module asks for probe '${name}'; give its output under probes:`);
    observed[name] = probeOutput(given);
  }
  const extra = Object.keys(c.probes ?? {}).filter((n) => !(n in probes));
  if (extra.length > 0) throw new Error(`${file}: case "${c.name}": probes the module does not ask for: ${extra.join(', ')}`);
  const planned = module.plan(params, observed, ctx);
  // in check mode a plan's checkSteps are the steps that run
  const plan = ctx.check && planned.kind === 'change' && planned.checkSteps !== undefined ? { ...planned, steps: planned.checkSteps } : planned;
  const fin = c.expect.finish;
  if (fin === undefined || plan.kind !== 'change') return { module, probes, plan };
  if (fin.outputs.length !== plan.steps.length) throw new Error(`${file}: case "${c.name}": ${plan.steps.length} step(s) planned, finish.outputs gives ${fin.outputs.length}`);
  const outputs: StepOutput[] = plan.steps.map((step, i) => ({ step, ...stepOutput(fin.outputs[i] ?? '') }));
  return { module, probes, plan, finish: module.finish?.(params, outputs) ?? {} };
}

/** A case's file: its text, or bytes written `base64:...` (a binary file). */
function fileBytes(text: string): Buffer {
  return text.startsWith('base64:') ? Buffer.from(text.slice('base64:'.length), 'base64') : Buffer.from(text, 'utf8');
}
