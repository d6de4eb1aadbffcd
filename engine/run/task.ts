// One task on one host: when, loop, until/retries, the module call, changed_when/failed_when, register.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { dict } from '../core/dict.js';
import { KplayError, errorMessage } from '../core/errors.js';
import type { HostResult, HostStatus } from '../core/events.js';
import type { Condition, Task, Vars } from '../playbook/model.js';
import { isDict } from '../template/values.js';
import { evaluate, evaluateCondition, markUnsafe, pyStr, render, renderTemplateFile, renderTracked, unsafeValue, type TemplateFiles } from '../template/index.js';
import { findModule } from '../../modules/registry.js';
import type { PlanContext } from '../../modules/contract.js';
import { applyInventoryChange } from './dynamic-inventory.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { callModule, type ModuleOutcome } from './module-call.js';
import { checkParams } from './params.js';
import { controllerFile, localFileCandidates, readLocalBytes, readLocalFile, walkVarsDir } from './local-files.js';
import { withTemplateFileVars } from '../template/template-vars.js';
import { becomeFor, renderBecomeUser } from './become.js';
import { addConnectionName, connectionVars } from './connection-vars.js';
import { taskVars } from './task-vars.js';
import { resolveKeywords } from './keyword-templates.js';
import { searchPlaceOf, withLookups } from './lookups.js';
import { templateActionFiles } from './template-search.js';
import { isUndefinedError, itemVars as loopItemVars, loopItems } from './loop-items.js';
import { notifyNames } from './notify-names.js';
import { retryUntil, untilDelaySeconds, type Retry } from './until.js';
import { pyJson } from '../report/pyjson.js';
import { ensureFacts } from './gather.js';
import { addDelegateAddress, delegationFor } from './delegate.js';
import { ASYNC_IN_CHECK_MODE, execTimeoutMs, timeoutMessage, waitedResult } from './async.js';
import { startJob, type CallOnHost } from './async-record.js';

export const NO_LOG_MSG = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

export interface TaskOutcome {
  /** the task's overall status on this host (a loop: changed if any item changed, failed if any failed) */
  readonly status: HostStatus;
  /** failed but ignore_errors */
  readonly ignored: boolean;
  readonly changed: boolean;
  /** one per loop item, or one */
  readonly results: readonly HostResult[];
  /** the value `register:` stores */
  readonly registered: Vars;
  /** the facts each item that succeeded set (set_fact, include_vars), in order; no_log hides them, never drops them */
  readonly facts: readonly Vars[];
  /** delegate_to: the host it ran on (delegate_facts gives that host the facts the task set) */
  readonly delegate?: HostRun | undefined;
  /** the task as it ran on this host (its templated keywords rendered) */
  readonly resolved?: Task | undefined;
  /** the handler names it notified, rendered (a loop: every item's that ran, as Ansible notifies when any changed) */
  readonly notify: readonly string[];
}

/** A template task's file and the search path of its `{% include %}`s (the template action's). */
function templateFilesOf(task: Task, scope: PlayScope, src: string): TemplateFiles {
  const path = localFileCandidates(task.baseDir, scope.play.baseDir, src, 'templates').find((p) => existsSync(p)) ?? src;
  return templateActionFiles(searchPlaceOf(task, scope.play.baseDir, scope.run.files.keyring), path);
}

export async function runTask(planned: Task, host: HostRun, scope: PlayScope, taskName: string): Promise<TaskOutcome> {
  const started = performance.now();
  const where = { loc: planned.loc, task: taskName };
  const place = searchPlaceOf(planned, scope.play.baseDir, scope.run.files.keyring);
  const vars = withLookups(taskVars(host, scope, planned), place, where);
  addConnectionName(vars, host.name, planned.connection, scope.run.options.connection?.connection);
  let task = planned;
  try {
    // keywords written as templates take this host's values; Ansible renders them only for a task whose `when` holds
    const keywords = attempt(() => resolveKeywords(planned, vars, where));
    if ('value' in keywords) task = keywords.value;
    else if (whenFalseWithoutLoop(planned, vars, where) === undefined) throw keywords.error;
    if (task.loop === undefined) {
      const one = await runItem(task, host, scope, vars, taskName, undefined);
      return finishTask(task, host, [one], false, scope.run.options.verbosity);
    }
    let items: unknown[];
    try {
      items = loopItems(task, task.moduleAs, vars, place, where);
    } catch (err) {
      // Ansible: a loop over an undefined variable fails the task only when its `when` holds without the loop
      // (`with_items: "{{ extra }}"` under `when: extra is defined` is skipped)
      const falseWhen = isUndefinedError(err) ? whenFalseWithoutLoop(task, vars, where) : undefined;
      if (falseWhen === undefined) throw err;
      const skipped: ItemOutcome = { status: 'skipped', msg: `Conditional result was False: ${'expr' in falseWhen ? falseWhen.expr : String(falseWhen.literal)}`, predicted: false, data: {}, commands: [], item: undefined, durationMs: 0 };
      return finishTask(task, host, [skipped], false, scope.run.options.verbosity);
    }
    const outcomes: ItemOutcome[] = [];
    for (const [index, item] of items.entries()) {
      // loop_control.pause: between items, as Ansible (not before the first)
      const pause = task.loopControl?.pause;
      if (index > 0 && typeof pause === 'number' && pause > 0) await sleep(pause * 1000);
      const added = loopItemVars(items, index, task.loopControl);
      const itemVars: Vars = dict(vars, added);
      const label = task.loopControl?.label !== undefined ? render(task.loopControl.label, itemVars, where) : item;
      outcomes.push({ ...(await runItem(task, host, scope, itemVars, taskName, labelOf(label))), itemValue: item, loopVars: added });
      if (host.unreachable) break;
    }
    return finishTask(task, host, outcomes, true, scope.run.options.verbosity);
  } catch (err) {
    // a template or loop error at run time fails this task on this host only
    const msg = err instanceof KplayError ? err.describe() : errorMessage(err);
    const failed: ItemOutcome = { status: 'failed', msg, predicted: false, data: {}, commands: [], item: undefined, durationMs: performance.now() - started };
    return finishTask(task, host, [failed], false, scope.run.options.verbosity);
  }
}

interface ItemOutcome extends ModuleOutcome {
  /** how the item is shown (its label) */
  readonly item: string | undefined;
  /** in a loop: the item itself (a registered result holds it, not its label) */
  readonly itemValue?: unknown;
  /** the loop's variables for this item (ansible_loop_var, the index variable, ansible_loop): its result holds them */
  readonly loopVars?: Vars | undefined;
  readonly durationMs: number;
  readonly unreachable?: boolean;
  /** delegate_to: the host the module ran on, and how the output shows it */
  readonly delegate?: HostRun | undefined;
  readonly delegatedTo?: string | undefined;
  /** its arguments were rendered from host data: the facts it sets keep that mark */
  readonly fromHostData?: boolean | undefined;
  /** the rendered notify names, for an item that ran */
  readonly notify?: readonly string[] | undefined;
}

/** A value, or the error computing it threw (raised later, when it matters). */
function attempt<T>(f: () => T): { value: T } | { error: unknown } {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

async function runItem(task: Task, host: HostRun, scope: PlayScope, vars: Vars, taskName: string, item: string | undefined): Promise<ItemOutcome> {
  const started = performance.now();
  const where = { loc: task.loc, task: taskName };
  // the item's own lookups: a template looked up in a loop sees the item
  withLookups(vars, searchPlaceOf(task, scope.play.baseDir, scope.run.files.keyring), where);
  const skipped = (msg: string): ItemOutcome => ({ status: 'skipped', msg, predicted: false, data: {}, commands: [], item, durationMs: 0 });
  // delegate_to is rendered before `when` (Ansible's variable manager does), its error raised only if the task runs
  const delegating = attempt(() => delegationFor(task, host, scope, vars, where));
  if ('value' in delegating && delegating.value) addDelegateAddress(vars, delegating.value);
  const falseWhen = task.when.find((c) => !holds(c, vars, where));
  if (falseWhen) return skipped(`Conditional result was False: ${'expr' in falseWhen ? falseWhen.expr : String(falseWhen.literal)}`);
  if ('error' in delegating) throw delegating.error;
  const delegation = delegating.value;
  // Ansible templates notify with the rest of the task, once `when` held and before the module runs
  const notify = notifyNames(task.notify, vars, where);
  // where the module runs: the delegate's connection, facts and connection variables, or the host's own
  const on = delegation?.host ?? host;
  const onVars = delegation?.vars ?? vars;
  const shown = { delegatedTo: delegation?.label, delegate: delegation?.host };

  const module = findModule(task.module);
  if (!module) throw new KplayError('input', `kplay has no module ${task.moduleAs}`, { loc: task.loc });
  // the connection variables are rendered only for a module that reaches a host
  const onConnection = module.controllerOnly ? onVars : connectionVars(onVars, where);
  const run = scope.run;
  const check = task.checkMode ?? run.options.check;
  // Ansible refuses before it looks at the module's arguments
  if (task.async && check) return { status: 'failed', msg: ASYNC_IN_CHECK_MODE, predicted: false, data: {}, commands: [], item, ...shown, durationMs: 0 };
  const { value: renderedArgs, tainted: fromHostData } = renderTracked(task.args, vars, { loc: task.argsLoc, task: taskName });
  const rendered = renderedArgs as Record<string, unknown>;
  const checked = checkParams(module, rendered);
  if (!checked.ok) {
    // the module refuses its arguments: a failure like any other, which failed_when and changed_when may judge
    const refused = applyOverrides(task, { status: 'failed', msg: checked.msg, predicted: false, data: { msg: checked.msg }, commands: [] }, vars, where);
    return { ...refused, item, ...shown, notify, durationMs: performance.now() - started };
  }

  // become_user is rendered for each host and loop item, after `when`, as Ansible's post_validate does
  const becomeUser = renderBecomeUser(task, vars, where);
  try {
    // a module that plans from facts gets them even under gather_facts: false (once per host per run)
    if (module.needsFacts && !on.facts) await ensureFacts(run, on, onConnection, task);
    const ctx: PlanContext = {
      facts: on.facts,
      check,
      diff: task.diff ?? run.options.diff,
      verbosity: run.options.verbosity,
      remoteUser: typeof onConnection.ansible_user === 'string' ? onConnection.ansible_user : (task.remoteUser ?? run.options.user ?? 'root'),
      render: (text, file) => renderTemplateFile(text, file ? withTemplateFileVars(vars, file.src, file.dest) : vars, where, file ? templateFilesOf(task, scope, file.src) : undefined),
      evaluate: (expr) => evaluate(expr, vars, where),
      variable: (name) => (name in vars ? { defined: true, value: render(vars[name], vars, where) } : { defined: false }),
      readLocalFile: (rel, kind) => readLocalFile(task.baseDir, scope.play.baseDir, rel, kind, run.files.keyring),
      readLocalBytes: (rel, kind) => readLocalBytes(task.baseDir, scope.play.baseDir, rel, kind),
      controllerFile: (path) => controllerFile(scope.play.baseDir, path),
      walkVarsDir: (dir) => walkVarsDir(dir, task.role === undefined ? undefined : task.baseDir, dirname(task.loc.file)),
    };
    // a module that connects itself (wait_for_connection) may find the host not up yet: its act connects
    const transport = module.controllerOnly || module.connectsItself ? undefined : await run.connect(on, onConnection, task);
    const exec = {
      become: becomeFor(becomeUser, onConnection, run.options.become),
      timeoutMs: execTimeoutMs(task),
      env: environmentOf(task, vars, where),
      // on the local connection, relative paths are the playbook directory's, as Ansible's action plugins set cwd
      cwd: scope.play.baseDir,
    };
    const callOnHost: CallOnHost = (runs, timeoutMs = exec.timeoutMs) =>
      callModule({ module: runs, params: checked.params, ctx, transport, exec: { ...exec, timeoutMs }, check, earlierPredictedChange: on.predictedChange, reconnect: () => run.reconnect(on, onConnection, task), connect: () => run.connect(on, onConnection, task) });
    const a = task.async;
    const call = async () => waitedResult(a, await (a?.poll === 0 ? startJob(module, a.limitS, exec.timeoutMs, callOnHost) : callOnHost(module)));
    let outcome = await call();
    // add_host, group_by: applied as each result comes, so a loop's later items see the earlier ones' hosts
    if (module.changesInventory === true) outcome = applyInventoryChange(run, host, outcome);
    const judge = (o: ModuleOutcome): ModuleOutcome => applyOverrides(task, o, vars, where);
    if (task.until && task.until.length > 0) {
      // check mode too: Ansible's retry loop does not look at it (a skipped result is judged by until as any other)
      const label = shown.delegatedTo === undefined ? host.name : `${host.name} -> ${shown.delegatedTo}`;
      outcome = await retryUntil(outcome, {
        retries: task.retries,
        call,
        judge,
        holds: (o) => untilHolds(task, o, vars, where),
        retrying: (retry) => run.emit({ event: 'log', level: 0, msg: retryLine(label, taskName, retry, run.options.verbosity) }),
        pause: () => sleep(untilDelaySeconds(task.delay) * 1000),
      });
    } else outcome = judge(outcome);
    if (outcome.predicted && outcome.status === 'changed') on.predictedChange = true;
    return { ...outcome, item, ...shown, fromHostData, notify, durationMs: performance.now() - started };
  } catch (err) {
    if (err instanceof KplayError && (err.code === 'unreachable' || err.code === 'host_key')) {
      // an unreachable delegate makes the current host unreachable, as in Ansible, which then shows the
      // delegate by name only (its result lacks the delegate's variables); ignore_unreachable lets the host go on
      if (task.ignoreUnreachable !== true) host.unreachable = true;
      const delegatedTo = shown.delegatedTo === undefined ? undefined : delegation?.name;
      return { status: 'failed', unreachable: true, msg: err.describe(), predicted: false, data: {}, commands: [], item, ...shown, delegatedTo, durationMs: performance.now() - started };
    }
    if (err instanceof KplayError && err.code === 'interrupted') {
      // the run was interrupted while this ran: the command was ended on the host; the host is not unreachable
      host.interrupted = true;
      return { status: 'failed', msg: err.message, predicted: false, data: {}, commands: [], item, ...shown, durationMs: performance.now() - started };
    }
    if (err instanceof KplayError && err.code === 'timeout') {
      return { status: 'failed', msg: timeoutMessage(task, err.message), predicted: false, data: {}, commands: [], item, ...shown, durationMs: performance.now() - started };
    }
    throw err;
  }
}

/** The task's `environment:` rendered for this host; a value that is not text becomes Python's str() of it, as in Ansible. */
function environmentOf(task: Task, vars: Vars, where: { loc: Condition['loc']; task: string }): Record<string, string> | undefined {
  if (task.environment === undefined) return undefined;
  const env: Record<string, string> = dict();
  for (const item of task.environment) {
    const rendered: unknown = render(item, vars, where);
    if (!isDict(rendered)) throw new KplayError('input', `environment must be a dictionary, received ${pyStr(rendered)}`, { loc: task.loc });
    for (const [k, v] of Object.entries(rendered)) env[k] = pyStr(v);
  }
  return env;
}

/** Whether every `when` of the task holds on this host (meta tasks decide per host with it). */
export function whenHolds(task: Pick<Task, 'when' | 'loc' | 'name' | 'vars' | 'baseDir' | 'role' | 'connection'>, host: HostRun, scope: PlayScope): boolean {
  const vars = taskVars(host, scope, task);
  addConnectionName(vars, host.name, task.connection, scope.run.options.connection?.connection);
  const where = { loc: task.loc, task: task.name ?? 'task' };
  return task.when.every((c) => holds(c, vars, where));
}

/** The first `when` that is false without the loop's items, or undefined (they hold, or one cannot be evaluated). */
function whenFalseWithoutLoop(task: Task, vars: Vars, where: { loc: Condition['loc']; task: string }): Condition | undefined {
  for (const c of task.when) {
    const r = attempt(() => holds(c, vars, where));
    if (!('value' in r)) return undefined;
    if (!r.value) return c;
  }
  return undefined;
}

function holds(c: Condition, vars: Vars, where: { loc: Condition['loc']; task: string }): boolean {
  return 'literal' in c ? c.literal : evaluateCondition(c.expr, vars, { ...where, loc: c.loc });
}

/**
 * The facts an item set, as they are kept: when its arguments were rendered from host data (set_fact of a registered
 * stdout), every value keeps that mark, so a template in that text is never rendered later.
 */
function keptFacts(o: ItemOutcome, module: string): Vars | undefined {
  const facts = o.data.ansible_facts;
  if (typeof facts !== 'object' || facts === null) return undefined;
  // include_vars' facts are the file's variables, whatever named the file (Ansible's _ACTION_WITH_CLEAN_FACTS)
  if (o.fromHostData !== true || findModule(module)?.includedVars === true) return facts as Vars;
  const kept: Vars = dict();
  for (const [k, v] of Object.entries(facts)) kept[k] = unsafeValue(v);
  return kept;
}

/** What a loop result holds of its item: the item itself (not its label) and the loop's variables, as Ansible's. */
function loopResultVars(o: ItemOutcome): Vars {
  if (!('itemValue' in o)) return { item: o.item };
  const { ansible_loop_var: loopVar, ansible_index_var: indexVar, ansible_loop: loop } = o.loopVars ?? {};
  // the item under the loop's variable name only: a loop_var other than item leaves `item` out, as Ansible's
  const out: Vars = typeof loopVar === 'string' ? { [loopVar]: o.itemValue, ansible_loop_var: loopVar } : { item: o.itemValue, ansible_loop_var: loopVar };
  if (typeof indexVar === 'string') Object.assign(out, { ansible_index_var: indexVar, [indexVar]: o.loopVars?.[indexVar] });
  if (loop !== undefined) out.ansible_loop = loop;
  return out;
}

function resultVars(o: ModuleOutcome): Vars {
  // a false `when` is Ansible's three keys: why, in its words (kplay's terminal line also names the condition); a
  // module that skips (command in check mode) keeps what it returns
  if (o.status === 'skipped' && o.msg?.startsWith(WHEN_FALSE) === true) return { changed: false, skipped: true, skip_reason: WHEN_FALSE };
  if (o.status === 'skipped') return { ...o.data, changed: false, failed: false, skipped: true, msg: o.msg };
  // a result that succeeded has the msg its module returns, as Ansible's (most return none); kplay's own words for
  // what it did are for the terminal. A failure always says why. As Ansible's: the module's keys, then failed and
  // changed, and no `skipped` key.
  const done = o.status === 'ok' || o.status === 'changed';
  const { msg: own, ...data } = o.data;
  const result: Vars = { ...data };
  const msg = done ? own : resultMsg(o);
  if (msg !== undefined) result.msg = msg;
  return Object.assign(result, { failed: o.status === 'failed', changed: o.status === 'changed' || o.changedAnyway === true });
}

/** Ansible's skip_reason for a `when` that is false (kplay's own message adds the condition). */
const WHEN_FALSE = 'Conditional result was False';

function untilHolds(task: Task, o: ModuleOutcome, vars: Vars, where: { loc: Condition['loc']; task: string }): boolean {
  const v = withRegistered(task, o, vars);
  return (task.until ?? []).every((c) => holds(c, v, where));
}

/** The task's variables with its result under the register name (a fresh object: `vars` is left as it was). */
function withRegistered(task: Task, o: ModuleOutcome, vars: Vars): Vars {
  if (!task.register) return vars;
  const v = dict(vars);
  v[task.register] = markUnsafe(resultVars(o));
  return v;
}

/** changed_when / failed_when see the result under the register name, as in Ansible. */
function applyOverrides(task: Task, o: ModuleOutcome, vars: Vars, where: { loc: Condition['loc']; task: string }): ModuleOutcome {
  if (o.status === 'skipped') return o;
  const v = withRegistered(task, o, vars);
  // as Ansible: changed_when decides `changed` (a failed module's too), then failed_when decides `failed`;
  // a list of conditions is ANDed, as for `when`
  let changed = o.status === 'changed' || o.changedAnyway === true;
  let failed = o.status === 'failed';
  if (task.changedWhen) changed = task.changedWhen.every((c) => holds(c, v, where));
  if (task.failedWhen) failed = task.failedWhen.every((c) => holds(c, v, where));
  const status = failed ? 'failed' : changed ? 'changed' : 'ok';
  // a change that failed still counts as changed (in `changed` when the error is ignored)
  const changedAnyway = failed && changed;
  // Ansible records failed_when's verdict in the result; the module's msg stays the result's msg
  const data = task.failedWhen ? { ...o.data, failed_when_result: failed } : o.data;
  if (status === o.status && changedAnyway === (o.changedAnyway === true) && data === o.data) return o;
  const failedByTask = status === 'failed' && o.status !== 'failed';
  return { ...o, status, changedAnyway, data, failedByTask, msg: failedByTask ? 'failed_when condition was true' : o.msg };
}

/** The msg a result shows and registers: a failure's own words, but the module's msg (or none) for one the task failed. */
function resultMsg(o: ModuleOutcome): string | undefined {
  if (o.failedByTask !== true || o.status !== 'failed') return o.msg;
  return typeof o.data.msg === 'string' ? o.data.msg : undefined;
}

/**
 * Ansible's retry line; from -vvv on it ends with the try's result, as its callback dumps it (indented, the tries in
 * all as `retries`, no `failed`).
 */
function retryLine(label: string, taskName: string, retry: Retry, verbosity: number): string {
  const line = `FAILED - RETRYING: [${label}]: ${taskName} (${retry.left} retries left).`;
  if (verbosity <= 2) return line;
  const o = retry.outcome;
  const result: Vars = { ...o.data, changed: o.status === 'changed' || o.changedAnyway === true, retries: retry.tries };
  const msg = o.status === 'failed' ? resultMsg(o) : undefined;
  if (msg !== undefined) result.msg = msg;
  return `${line}Result was: ${pyJson(result, 4)}`;
}

function finishTask(task: Task, host: HostRun, outcomes: readonly ItemOutcome[], looped: boolean, verbosity: number): TaskOutcome {
  const unreachable = outcomes.some((o) => o.unreachable === true);
  const anyFailed = outcomes.some((o) => o.status === 'failed');
  const anyChanged = outcomes.some((o) => o.status === 'changed' || (o.status === 'failed' && o.changedAnyway === true));
  const allSkipped = outcomes.every((o) => o.status === 'skipped');
  const status: HostStatus = unreachable ? 'unreachable' : anyFailed ? 'failed' : anyChanged ? 'changed' : allSkipped ? 'skipped' : 'ok';
  const ignored = (status === 'failed' && task.ignoreErrors === true) || (status === 'unreachable' && task.ignoreUnreachable === true);
  const noLog = task.noLog === true;
  const ownResult = findModule(task.module)?.showsOwnResult === true;
  const shown: readonly ItemOutcome[] =
    outcomes.length > 0 ? outcomes : [{ status: 'skipped', msg: 'No items in the list', predicted: false, data: {}, commands: [], item: undefined, durationMs: 0 }];
  const results: HostResult[] = shown.map((o, i) => ({
    host: host.name,
    task: '',
    delegatedTo: o.delegatedTo,
    status: o.unreachable ? 'unreachable' : o.status,
    // debug prints its own data (msg or the variable), not the plan's reason
    msg: noLog ? NO_LOG_MSG : ownResult && (o.status === 'ok' || o.status === 'changed') ? undefined : resultMsg(o),
    durationMs: Math.round(o.durationMs),
    predicted: o.predicted || undefined,
    changed: o.status === 'failed' && o.changedAnyway === true ? true : undefined,
    ignored: o.status === 'failed' && ignored ? true : undefined,
    // as Ansible: `...ignoring` once per host, after a loop's last item (whatever that item's status)
    endsIgnored: ignored && i === shown.length - 1 ? true : undefined,
    endsSkippedLoop: looped && !noLog && outcomes.length > 0 && allSkipped && i === shown.length - 1 ? true : undefined,
    endsCensoredLoop: looped && noLog && outcomes.length > 0 && i === shown.length - 1 ? { status, changed: anyChanged } : undefined,
    item: noLog && o.item !== undefined ? '(censored due to no_log)' : o.item,
    censored: noLog ? { showsChanged: !ownResult } : undefined,
    // what ran on the host is shown from -v on; the module's own result always
    detail: noLog ? undefined : shownDetail(o, looped, ownResult),
    commands: noLog || verbosity === 0 || o.commands.length === 0 ? undefined : o.commands,
    diff: noLog ? undefined : o.diff,
    verboseAlways: ownResult && !noLog && (o.status === 'ok' || o.status === 'changed') ? true : undefined,
  }));
  const first = outcomes[0];
  const registered: Vars = looped
    ? {
        changed: anyChanged,
        failed: anyFailed,
        skipped: allSkipped,
        // Ansible's TaskExecutor: a loop whose every item was skipped says so
        msg: anyFailed ? 'One or more items failed' : allSkipped ? 'All items skipped' : 'All items completed',
        // each result holds its item itself (Ansible's), not how it was shown
        results: outcomes.map((o) => ({ ...resultVars(o), ...loopResultVars(o) })),
      }
    : first
      ? resultVars(first)
      : {};
  const facts = outcomes
    .filter((o) => o.status === 'ok' || o.status === 'changed')
    .map((o) => keptFacts(o, task.module))
    .filter((f): f is Vars => f !== undefined);
  const delegate = outcomes.find((o) => o.delegate !== undefined)?.delegate;
  const notify = outcomes.flatMap((o) => o.notify ?? []);
  return { status, ignored, changed: anyChanged, results, registered: noLog ? { ...registered, censored: NO_LOG_MSG } : registered, facts, delegate, resolved: task, notify };
}

/**
 * What ` => {...}` shows of one result: the module's data (what ran on the host is kplay's, in `commands` beside it),
 * and for a loop item the item itself and the loop's variables, as Ansible's result holds them; debug with a msg shows
 * its msg alone (Ansible's callback drops the rest), debug with a var shows the variable beside the loop's.
 */
function shownDetail(o: ItemOutcome, looped: boolean, ownResult: boolean): Vars {
  if (!looped || (ownResult && 'msg' in o.data)) return o.data;
  return { ...o.data, ...loopResultVars(o) };
}

/** An item as Ansible shows it: Python's str() (a dict as {'key': 'a'}), as its callback prints the label. */
export function labelOf(v: unknown): string {
  return pyStr(v);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
