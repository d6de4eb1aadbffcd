// A whole run: load and validate everything first, then the plays in order, then the recap and exit code.
import { InputErrors, KplayError, type InputError } from '../core/errors.js';
import { targetProblems } from './targets.js';
import { sliceProblems } from './slice-check.js';
import { sliceMembers } from './slice.js';
import pLimit from 'p-limit';
import { dict } from '../core/dict.js';
import type { RunEvent } from '../core/events.js';
import { loadInventory, resolveInventorySources, withPlaybookDir, type Inventory } from '../inventory/index.js';
import { loadPlaybook } from '../playbook/index.js';
import type { Playbook, Vars } from '../playbook/model.js';
import { RecapCounter, exitCodeFromRecap } from '../report/index.js';
import { render } from '../template/index.js';
import { StepGate } from './step.js';
import { ConnectionPool } from './connections.js';
import type { RunContext } from './context.js';
import { HostRun } from './host.js';
import type { RunOptions } from './options.js';
import { runPlay, type PlayTarget } from './play.js';
import { orderHosts } from './host-order.js';
import { inventoryHostFor } from './delegate.js';
import { askVarsPrompt, NOT_INTERACTIVE_WARNING } from './vars-prompt.js';
import { YamlFiles } from '../yaml/load.js';
import { warningsOnce } from './warnings-once.js';

export interface LoadedRun {
  readonly inventory: Inventory;
  readonly playbook: Playbook;
  /** --shard: the hosts of this slice (absent: the run is not sliced) */
  readonly sliceHosts?: ReadonlySet<string> | undefined;
  /** what `kplay validate` would warn about (a module kplay lacks under a `when`, ...): shown, not stopping the run */
  readonly warnings?: readonly InputError[] | undefined;
}

/** Everything a run needs from disk, validated; throws InputErrors before any host is touched. */
export async function loadRun(
  options: Pick<RunOptions, 'playbook' | 'inventorySources' | 'extraVars'> & Partial<Pick<RunOptions, 'limit' | 'startAtTask' | 'rolesPath' | 'slice' | 'files'>>,
): Promise<LoadedRun> {
  const sources = resolveInventorySources(options.inventorySources, process.cwd());
  const warnings: InputError[] = [];
  const [inventoryItself, playbook] = await Promise.all([loadInventory(sources, process.cwd(), options.files?.keyring), loadPlaybook(options.playbook, { extraVars: options.extraVars, rolesPath: options.rolesPath, warnings, files: options.files })]);
  const inventory = withPlaybookDir(inventoryItself, options.playbook, options.files?.keyring);
  const { slice } = options;
  const problems = [...targetProblems(inventory, playbook, options.limit, options.startAtTask), ...(slice ? sliceProblems(playbook, slice) : [])];
  if (problems.length > 0) throw new InputErrors(problems);
  if (!slice) return { inventory, playbook, warnings };
  const targeted = playPatterns(playbook, options.extraVars).flatMap((p) => playHosts(inventory, p, options.limit));
  return { inventory, playbook, sliceHosts: sliceMembers(targeted, slice), warnings };
}

/** Each play's host pattern, rendered with the extra vars (the only variables a pattern may use). */
export function playPatterns(playbook: Playbook, extraVars: Vars): string[] {
  return playbook.plays.map((p) => String(render(p.hosts, extraVars, { loc: p.loc, task: `play ${p.name}` })));
}

/** Hosts of a play: its pattern, narrowed by --limit and to the run's slice, in inventory order. */
export function playHosts(inventory: Inventory, pattern: string, limit: string | undefined, slice?: ReadonlySet<string>): string[] {
  return [...playTarget(inventory, pattern, limit, slice).hosts];
}

/** A play's hosts, with Ansible's warnings for the parts of its pattern (then of --limit) that matched nothing. */
export function playTarget(inventory: Inventory, pattern: string, limit: string | undefined, slice?: ReadonlySet<string>): PlayTarget {
  const selected = inventory.selectWithWarnings(pattern);
  const allowed = limit === undefined ? undefined : inventory.selectWithWarnings(limit);
  const allowedHosts = allowed === undefined ? undefined : new Set(allowed.hosts);
  return {
    hosts: selected.hosts.filter((h) => (allowedHosts?.has(h) ?? true) && (slice?.has(h) ?? true)),
    warnings: [...selected.warnings, ...(allowed?.warnings ?? [])],
  };
}

export interface RunHandle {
  /** resolves to the exit code */
  readonly done: Promise<number>;
  /** SIGINT/SIGTERM: stop starting tasks, close connections, report the partial recap */
  interrupt(): void;
}

export function startRun(options: RunOptions, loaded: LoadedRun, emitEvent: (e: RunEvent) => void): RunHandle {
  // as Ansible's Display: a warning is said once in a run (a meta task's in every serial batch, a handler's in every play)
  const emit = warningsOnce(emitEvent);
  const interrupted = { value: false };
  const trace = options.verbosity >= 3 ? (host: string, msg: string) => emit({ event: 'log', level: 3, host, msg }) : undefined;
  const pool = new ConnectionPool({ ...options.connection, user: options.user, privateKey: options.privateKey }, trace, options.keeper, (msg) => emit({ event: 'warning', msg }));
  const done = execute(options, loaded, emit, pool, interrupted);
  return {
    done,
    interrupt: () => {
      if (interrupted.value) return;
      interrupted.value = true;
      emit({ event: 'warning', msg: 'interrupted: ending the commands running on the hosts (interrupt again to quit at once)' });
      void pool.closeAll(new KplayError('interrupted', 'interrupted: the run was stopped (SIGINT/SIGTERM)'));
    },
  };
}

async function execute(options: RunOptions, loaded: LoadedRun, emit: (e: RunEvent) => void, pool: ConnectionPool, interrupted: { value: boolean }): Promise<number> {
  const started = performance.now();
  const { inventory, playbook } = loaded;
  const hosts = new Map<string, HostRun>();
  const hostRun = (name: string) => {
    let h = hosts.get(name);
    if (!h) {
      h = new HostRun(name, inventory.hostVars(name));
      hosts.set(name, h);
    }
    return h;
  };
  // delegates by the name delegate_to gave: inventory hosts share their HostRun (and so their connection) with
  // the plays; a name the inventory does not know is a host of its own, reached by that name
  const delegates = new Map<string, HostRun>();
  const delegateHost = (name: string): HostRun => {
    let h = delegates.get(name);
    if (!h) {
      const known = inventoryHostFor(inventory, name);
      h = known === undefined ? new HostRun(name, inventory.outsiderVars()) : hostRun(known);
      delegates.set(name, h);
    }
    return h;
  };
  const recap = new RecapCounter();
  const run: RunContext = {
    options,
    emit,
    hosts,
    connect: (h, vars, keywords) => pool.connect(h, vars, keywords),
    reconnect: (h, vars, keywords) => pool.reconnect(h, vars, keywords),
    delegateHost,
    forks: pLimit(Math.max(1, options.forks)),
    files: options.files ?? new YamlFiles(),
    inventory,
    groups: inventory.groupsMap(),
    interrupted,
    halted: { value: false },
    startAt: { value: options.startAtTask },
    step: options.step === undefined ? undefined : new StepGate(options.step),
  };
  const patterns = playPatterns(playbook, options.extraVars);
  const allHosts = [...new Set(patterns.flatMap((p) => playHosts(inventory, p, options.limit, loaded.sliceHosts)))];
  emit({ event: 'run_start', playbook: options.playbook, check: options.check, hosts: allHosts, ...(options.slice ? { slice: options.slice } : {}) });
  // Ansible's warnings about the inventory (none parsed: only the implicit localhost, which `all` does not match), and
  // about the parts of --limit that match nothing (said once: each play's matching repeats them, warningsOnce drops those)
  for (const msg of inventory.warnings) emit({ event: 'warning', msg });
  if (options.limit !== undefined) for (const msg of inventory.selectWithWarnings(options.limit).warnings) emit({ event: 'warning', msg });
  try {
    for (const [i, written] of playbook.plays.entries()) {
      if (interrupted.value || run.halted.value || run.step?.ended === true) break;
      // vars_prompt: asked as the play starts, before its hosts are touched; the answers are play vars
      const prompted = await askVarsPrompt(written, options);
      if (prompted.notInteractive) emit({ event: 'warning', msg: NOT_INTERACTIVE_WARNING });
      const play = Object.keys(prompted.vars).length === 0 ? written : { ...written, vars: dict(written.vars, prompted.vars) };
      // meta: end_host ends a host for its play only
      for (const h of hosts.values()) h.ended = false;
      // hosts that failed or were unreachable in an earlier play stay out (the play skips inactive hosts), as in Ansible
      const target = playTarget(inventory, patterns[i] ?? play.hosts, options.limit, loaded.sliceHosts);
      const names = orderHosts(target.hosts, play.order);
      for (const n of names) hostRun(n);
      await runPlay(run, play, { hosts: names, warnings: target.warnings }, { count: (r) => recap.add(r) });
    }
  } finally {
    await pool.closeAll();
  }
  // as Ansible's: the recap lists the hosts that ran something
  const counts = recap.hosts();
  emit({ event: 'recap', hosts: counts });
  if (interrupted.value) {
    const cut = [...hosts.values()].filter((h) => h.interrupted).map((h) => h.name);
    const which = cut.length === 0 ? 'no task was running' : `cut off on ${cut.join(', ')} (their commands were ended there; the recap counts them as failed)`;
    emit({ event: 'warning', msg: `interrupted: the run stopped before its end; ${which}` });
  }
  // --step with no answer left: Ansible's run ends as failed (2), whatever the hosts did
  const exitCode = interrupted.value ? 99 : run.step?.ended === true ? Math.max(2, exitCodeFromRecap(counts)) : exitCodeFromRecap(counts);
  emit({ event: 'run_end', exitCode, durationMs: Math.round(performance.now() - started) });
  return exitCode;
}

