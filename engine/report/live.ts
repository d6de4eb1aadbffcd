// The live terminal view: ONE row per running task (hosts done/total and counts), redrawn at most ~10 times a
// second; finished tasks, failures, diffs and debug output scroll above it as plain lines, as each host's result
// comes; PLAY RECAP printed normally at the end. Every line goes out through the terminal door (terminal.ts).
// Each event costs O(1); a frame costs O(running tasks), never O(hosts x tasks).
//
// Why not listr2's Listr + DefaultRenderer: a Listr cannot take new rows once run() started (our tasks arrive as
// events), it hijacks the output stream and holds everything written meanwhile until the end (fatal lines would
// not show live), it installs its own SIGINT handler, and it re-renders the whole tree on every title change.
// We keep listr2's look (its figures) and draw the frame ourselves.
import { figures } from 'listr2';
import type { HostStatus, Reporter, RunEvent } from '../core/events.js';
import { logLine, noHostsMatchedLine, playBanner, recapLines, resultDiffLines, resultLines, slowestLines, taskBanner, taskName, warningLine, type TaskTiming } from './lines.js';
import { assertNever, type HumanOptions } from './plain.js';
import { escapeToOneLine, paint, renderLines, type Line } from './terminal.js';
import type { ColorName } from './colors.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ESC = '\u001b[';

type TaskStart = Extract<RunEvent, { event: 'task_start' }>;

interface Row {
  readonly start: TaskStart;
  readonly startedAt: number;
  readonly total: number;
  readonly done: Set<string>;
  readonly counts: Record<HostStatus | 'ignored', number>;
  /** the task banner was printed above the view (before its first result line shown there) */
  bannered: boolean;
  endedMs: number | undefined;
}

export interface LiveOptions extends HumanOptions {
  /** frame interval; 100 ms = 10 frames a second */
  readonly intervalMs?: number;
  /** terminal size: the frame never grows past it nor wraps */
  readonly rows?: number;
  readonly width: number;
}

/** The counts a row shows, in the recap's colors. */
const COUNT_COLORS: readonly (readonly [keyof Row['counts'], ColorName])[] = [
  ['ok', 'ok'],
  ['changed', 'changed'],
  ['failed', 'error'],
  ['unreachable', 'unreachable'],
  ['skipped', 'skip'],
  ['ignored', 'warn'],
];

export class LiveReporter implements Reporter {
  readonly #o: LiveOptions;
  readonly #rows = new Map<string, Row>();
  readonly #timings: TaskTiming[] = [];
  /** lines to print above the frame at the next draw */
  #above: Line[] = [];
  #aboveErr: Line[] = [];
  #frameHeight = 0;
  #tick = 0;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;

  constructor(o: LiveOptions) {
    this.#o = o;
  }

  on(e: RunEvent): void {
    const { columns, verbosity } = this.#o;
    switch (e.event) {
      case 'run_start':
        // say it before anything runs: every change below is predicted, none is made
        if (e.check) this.#above.push(paint('CHECK MODE (--check): changes are predicted, nothing is changed on the hosts', 'warn'));
        break;
      case 'play_start':
        // the play announced again for its next serial batch: the view shows a play once
        if (e.again !== true) this.#above.push(...playBanner(e.play, columns));
        if (e.noHostsMatched === true) this.#above.push(noHostsMatchedLine());
        break;
      case 'task_start':
        // the same task announced again (a meta task, once per host): its row stands
        if (e.again === true && this.#rows.has(e.task)) break;
        this.#rows.set(e.task, {
          start: e,
          startedAt: performance.now(),
          total: e.hosts.length,
          done: new Set(),
          counts: { ok: 0, changed: 0, failed: 0, unreachable: 0, skipped: 0, ignored: 0 },
          bannered: false,
          endedMs: undefined,
        });
        this.#startTimer();
        break;
      case 'host_result': {
        const row = this.#rows.get(e.task);
        if (row) {
          row.done.add(e.host);
          row.counts[e.ignored === true ? 'ignored' : e.status] += 1;
        }
        // failures, diffs and debug's output (what a result shows even without -v) are worth the scrollback
        const diff = resultDiffLines(e);
        const shown = e.status === 'failed' || e.status === 'unreachable' || diff.length > 0 || (e.verboseAlways === true && e.status !== 'skipped');
        if (shown) {
          if (row && !row.bannered) {
            row.bannered = true;
            this.#above.push(...taskBanner(row.start, columns, verbosity));
          }
          this.#above.push(...resultLines(e, { verbosity }), ...diff);
        }
        break;
      }
      case 'task_end': {
        const row = this.#rows.get(e.task);
        if (row) {
          // committed now, so it scrolls above in event order (before a next PLAY banner or the recap)
          row.endedMs = e.durationMs;
          this.#above.push(this.#rowLine(row, true));
          this.#rows.delete(e.task);
        }
        this.#timings.push({ name: row ? taskName(row.start) : e.task, durationMs: e.durationMs });
        break;
      }
      case 'warning':
        this.#aboveErr.push(warningLine(e.msg));
        break;
      case 'log':
        if (verbosity >= e.level) this.#above.push(logLine(e));
        break;
      case 'recap':
        // the run is over (or interrupted): settle the view, then the recap as plain lines
        this.#stopTimer();
        this.#finishRows();
        this.#above.push(...recapLines(e.hosts, columns), ...slowestLines(this.#timings, columns));
        this.render();
        break;
      case 'run_end':
        break;
      default:
        assertNever(e);
    }
    this.#dirty = true;
  }

  /** Draw one frame now (the timer calls this ~10 times a second): erase the view, print what scrolled, redraw. */
  render(): void {
    this.#tick++;
    if (!this.#dirty && this.#rows.size === 0 && this.#above.length === 0 && this.#aboveErr.length === 0) return;
    this.#dirty = false;
    let chunk = this.#frameHeight > 0 ? `${ESC}${this.#frameHeight}A${ESC}0J` : '';
    this.#frameHeight = 0;
    if (this.#aboveErr.length > 0) {
      // stderr lines go between the erased view and the next one, so a shared terminal stays clean
      if (chunk) this.#o.out.write(chunk);
      chunk = '';
      this.#o.err.write(renderLines(this.#aboveErr, this.#o.color));
      this.#aboveErr = [];
    }
    chunk += renderLines(this.#above, this.#o.color);
    this.#above = [];
    const frame = this.#frame();
    chunk += renderLines(frame, this.#o.color);
    if (chunk) this.#o.out.write(chunk);
    this.#frameHeight = frame.length;
  }

  close(): Promise<void> {
    this.#stopTimer();
    this.#finishRows();
    this.render();
    return Promise.resolve();
  }

  /** rows still running when the run stops (SIGINT) scroll up as they stand */
  #finishRows(): void {
    for (const row of this.#rows.values()) {
      row.endedMs = performance.now() - row.startedAt;
      this.#above.push(this.#rowLine(row, true));
    }
    this.#rows.clear();
  }

  #frame(): Line[] {
    const max = Math.max(2, (this.#o.rows ?? 24) - 2);
    const running = [...this.#rows.values()];
    if (running.length <= max) return running.map((r) => this.#rowLine(r, false));
    return [...running.slice(0, max - 1).map((r) => this.#rowLine(r, false)), `  … and ${running.length - max + 1} more running tasks`];
  }

  #rowLine(row: Row, finished: boolean): Line {
    const c = row.counts;
    const bad = c.failed + c.unreachable > 0;
    const doneColor = bad ? 'error' : c.changed > 0 ? 'changed' : 'ok';
    const icon = !finished ? paint(SPINNER[this.#tick % SPINNER.length] as string, 'changed') : paint(bad ? figures.cross : figures.tick, doneColor);
    const secs = ((finished ? (row.endedMs ?? 0) : performance.now() - row.startedAt) / 1000).toFixed(1);
    // ok always, the other counts when they are not 0, each in its recap color: a row fits in 80 columns, and a
    // change or a failure stands out from ok
    const counts = COUNT_COLORS.filter(([k]) => k === 'ok' || c[k] > 0).map(([k, color]) => paint(`${k}=${c[k]}`, color));
    const countsText = counts.map((s) => s.text).join(' ');
    const hosts = `  ${row.done.size}/${row.total} hosts  `;
    const time = `  ${secs}s`;
    const prefix = row.start.handler === true ? 'RUNNING HANDLER ' : '';
    // a wrapped row would break the frame's line count: cut the name first, then the row, to the terminal's width
    const room = Math.max(10, this.#o.width - 3);
    // escaped first (a tab as a space), so the width counted is the width shown
    let name = `${prefix}${escapeToOneLine(taskName(row.start)).replaceAll('\t', ' ')}`;
    const tailLength = hosts.length + countsText.length + time.length;
    const nameRoom = room - tailLength;
    if (name.length > nameRoom && nameRoom >= 12) name = `${name.slice(0, nameRoom - 1)}…`;
    const text = `${name}${hosts}${countsText}${time}`;
    if (text.length > room) return [icon, ` ${text.slice(0, room - 1)}…`];
    return [icon, ` ${name}${hosts}`, ...counts.flatMap((s, i) => (i === 0 ? [s] : [' ', s])), time];
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.render(), this.#o.intervalMs ?? 100);
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
