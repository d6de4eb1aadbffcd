// --json: one JSON object per line on stdout and nothing else, in DESIGN.md's snake_case shape.
import type { Writable } from 'node:stream';
import type { Reporter, RunEvent, RunEventKind } from '../core/events.js';
import { formatLoc } from '../core/location.js';
import { escapeControls } from './terminal.js';

type EventOf<K extends RunEventKind> = Extract<RunEvent, { event: K }>;

/** A mapped type over the kinds: a new kind without its JSON form does not compile. */
const SHAPES: { readonly [K in RunEventKind]: (e: EventOf<K>) => Record<string, unknown> } = {
  run_start: (e) => ({ event: e.event, playbook: e.playbook, check: e.check, hosts: e.hosts, slice: e.slice }),
  play_start: (e) => ({ event: e.event, play: e.play, hosts: e.hosts, again: e.again, no_hosts_matched: e.noHostsMatched }),
  task_start: (e) => ({
    event: e.event,
    play: e.play,
    task: e.task,
    loc: formatLoc(e.loc),
    hosts: e.hosts,
    handler: e.handler,
    role: e.role,
    again: e.again,
  }),
  host_result: (e) => ({
    event: e.event,
    host: e.host,
    delegated_to: e.delegatedTo,
    task: e.task,
    status: e.status,
    msg: e.msg,
    duration_ms: e.durationMs,
    predicted: e.predicted,
    ignored: e.ignored,
    changed: e.changed,
    rescued: e.rescued,
    item: e.item,
    detail: e.detail,
    commands: e.commands,
    diff: e.diff,
  }),
  task_end: (e) => ({ event: e.event, task: e.task, duration_ms: e.durationMs }),
  warning: (e) => ({ event: e.event, msg: e.msg }),
  log: (e) => ({ event: e.event, level: e.level, host: e.host, msg: e.msg }),
  recap: (e) => ({ event: e.event, hosts: e.hosts }),
  run_end: (e) => ({ event: e.event, exit_code: e.exitCode, duration_ms: e.durationMs }),
};

export function toJsonObject(e: RunEvent): Record<string, unknown> {
  const shape = SHAPES[e.event] as (e: RunEvent) => Record<string, unknown>;
  return shape(e);
}

/**
 * One line; undefined fields drop out, a Secret prints redacted (its toJSON); bigints and cycles never throw.
 * JSON escapes C0 controls itself; DEL, C1 controls and bidi overrides, which it leaves raw, get the same `\uXXXX`
 * escapes (terminal.ts), so a terminal showing the stream never acts on them and a parser reads the same strings.
 * `stamp`: fields every line of a run carries (ts, run_id).
 */
export function toJsonLine(e: RunEvent, stamp: Record<string, unknown> = {}): string {
  return escapeControls(jsonOf({ ...toJsonObject(e), ...stamp }));
}

function jsonOf(obj: Record<string, unknown>): string {
  try {
    return JSON.stringify(obj, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    // a cycle in a module's detail: cut every repeated object rather than lose the event
    const seen = new WeakSet<object>();
    return JSON.stringify(obj, (_k, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
  }
}

/** The events as NDJSON on a stream; with a run id, each line also carries `ts` (ISO 8601, UTC) and `run_id`. */
export class NdjsonReporter implements Reporter {
  readonly #out: Writable;
  readonly #runId: string | undefined;
  readonly #closeOut: boolean;
  constructor(out: Writable, runId?: string, closeOut = false) {
    this.#out = out;
    this.#runId = runId;
    this.#closeOut = closeOut;
  }
  on(e: RunEvent): void {
    const stamp = this.#runId === undefined ? {} : { ts: new Date().toISOString(), run_id: this.#runId };
    this.#out.write(`${toJsonLine(e, stamp)}\n`);
  }
  /** a file it was given to write (--json-file) is ended and flushed */
  close(): Promise<void> {
    if (!this.#closeOut) return Promise.resolve();
    return new Promise((resolve) => this.#out.end(resolve));
  }
}
