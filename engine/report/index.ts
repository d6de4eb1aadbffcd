// Reporting: pick the reporter for a run (NDJSON, plain lines, or the live view) and the Ansible counting rules.
import type { Writable } from 'node:stream';
import type { Reporter } from '../core/events.js';
import { LiveReporter } from './live.js';
import { bannerColumns, isTty } from './mode.js';
import { NdjsonReporter } from './ndjson.js';
import { PlainReporter } from './plain.js';

export { RecapCounter, computeRecap, emptyCounts, exitCodeFromRecap, loopStatus, type Tally } from './recap.js';
export { detectOutputMode, type ModeFlags, type OutputMode } from './mode.js';
export { toJsonLine, toJsonObject, NdjsonReporter } from './ndjson.js';
export { PlainReporter } from './plain.js';
export { LiveReporter } from './live.js';
export { AdhocReporter, adhocLine, type AdhocOptions } from './adhoc.js';
export { TeeReporter } from './tee.js';
export { JunitReporter, junitXml } from './junit.js';
export { escapeControls } from './terminal.js';

export interface ReporterOptions {
  readonly json: boolean;
  readonly verbosity: number;
  readonly color: boolean;
  /** the caller's choice (detectOutputMode); still only honoured on a terminal unless forceLive */
  readonly live: boolean;
  readonly out: Writable;
  readonly err: Writable;
  /** draw the live view on a stream that is not a terminal (tests) */
  readonly forceLive?: boolean | undefined;
  /** banner width; default Ansible's: max(79, terminal width - 1), 79 off a terminal */
  readonly columns?: number | undefined;
  /** the run's id: NDJSON lines carry it, with a timestamp */
  readonly runId?: string | undefined;
}

export function createReporter(opts: ReporterOptions): Reporter {
  if (opts.json) return new NdjsonReporter(opts.out, opts.runId);
  const columns = opts.columns ?? bannerColumns(opts.out);
  const human = { verbosity: opts.verbosity, color: opts.color, columns, out: opts.out, err: opts.err };
  const live = opts.live && opts.verbosity === 0 && (isTty(opts.out) || opts.forceLive === true);
  if (!live) return new PlainReporter(human);
  const size = opts.out as Writable & { columns?: number; rows?: number };
  // a terminal that tells no size (0: a pty left unsized, as under `script`) gets a wide default
  return new LiveReporter({ ...human, width: size.columns || 160, rows: size.rows || 24 });
}
