// PLAY RECAP counting as Ansible counts (executor/stats.py + strategy/__init__.py), and the exit code it implies.
import { dict } from '../core/dict.js';
import type { HostStatus, RecapCounts } from '../core/events.js';

/** One task's outcome on one host: a HostResult fits, as does the runner's per-task outcome. */
export interface Tally {
  readonly host: string;
  readonly status: HostStatus;
  /** ignore_errors (or ignore_unreachable) swallowed the failure */
  readonly ignored?: boolean | undefined;
  /** the module reported a change even though the task failed (counted when the failure is ignored) */
  readonly changed?: boolean | undefined;
  /** a block's rescue caught the failure */
  readonly rescued?: boolean | undefined;
  /** a loop item's own result: Ansible counts the loop task once, never its items */
  readonly item?: string | undefined;
}

export function emptyCounts(): RecapCounts {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/**
 * Feed one tally per host per task (never one per loop item: those are ignored here, as Ansible ignores them);
 * read the per-host counts. The runner builds the `recap` event from it, so the counting lives in one place.
 */
export class RecapCounter {
  readonly #hosts = new Map<string, RecapCounts>();

  add(t: Tally): void {
    if (t.item !== undefined) return;
    const c = this.#countsOf(t.host);
    switch (t.status) {
      case 'ok':
        c.ok += 1;
        break;
      case 'changed':
        // a changed task is an ok task that changed something
        c.ok += 1;
        c.changed += 1;
        break;
      case 'skipped':
        c.skipped += 1;
        break;
      case 'failed':
        if (t.ignored === true) {
          c.ok += 1;
          c.ignored += 1;
          if (t.changed === true) c.changed += 1;
        } else if (t.rescued === true) {
          c.rescued += 1;
        } else {
          c.failed += 1;
        }
        break;
      case 'unreachable':
        // ignore_unreachable: Ansible counts ok + ignored
        if (t.ignored === true) {
          c.ok += 1;
          c.ignored += 1;
        } else {
          c.unreachable += 1;
        }
        break;
    }
  }

  /** a host appears in the recap even with nothing counted (e.g. matched but interrupted before its first task) */
  touch(host: string): void {
    this.#countsOf(host);
  }

  counts(host: string): RecapCounts {
    return { ...(this.#hosts.get(host) ?? emptyCounts()) };
  }

  /** every host seen, sorted by name as Ansible's recap is (no prototype: a host may be called `__proto__`) */
  hosts(): Record<string, RecapCounts> {
    const out: Record<string, RecapCounts> = dict();
    for (const h of [...this.#hosts.keys()].sort()) out[h] = { ...(this.#hosts.get(h) ?? emptyCounts()) };
    return out;
  }

  #countsOf(host: string): RecapCounts {
    let c = this.#hosts.get(host);
    if (!c) {
      c = emptyCounts();
      this.#hosts.set(host, c);
    }
    return c;
  }
}

/** Counts for a whole sequence of tallies (handy in tests and one-shot uses). */
export function computeRecap(tallies: Iterable<Tally>): Record<string, RecapCounts> {
  const counter = new RecapCounter();
  for (const t of tallies) counter.add(t);
  return counter.hosts();
}

/** DESIGN.md's table: 4 if any host unreachable, else 2 if any failed, else 0. */
export function exitCodeFromRecap(recap: Readonly<Record<string, RecapCounts>>): 0 | 2 | 4 {
  const all = Object.values(recap);
  if (all.some((c) => c.unreachable > 0)) return 4;
  if (all.some((c) => c.failed > 0)) return 2;
  return 0;
}

/** A loop task's status on a host from its items' statuses, as Ansible folds them (empty loop: skipped). */
export function loopStatus(items: readonly HostStatus[]): HostStatus {
  if (items.includes('unreachable')) return 'unreachable';
  if (items.includes('failed')) return 'failed';
  if (items.includes('changed')) return 'changed';
  if (items.every((s) => s === 'skipped')) return 'skipped';
  return 'ok';
}
