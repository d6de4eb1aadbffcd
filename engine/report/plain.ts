// The plain human reporter: ansible-playbook's default output, line by line, for logs, pipes and NO_COLOR.
import type { Writable } from 'node:stream';
import type { Reporter, RunEvent } from '../core/events.js';
import {
  banner,
  hostResultLines,
  logLine,
  noHostsMatchedLine,
  playBanner,
  recapLines,
  slowestLines,
  taskBanner,
  taskName,
  warningLine,
  type TaskTiming,
} from './lines.js';
import { renderLines, type Line } from './terminal.js';

export interface HumanOptions {
  readonly verbosity: number;
  readonly color: boolean;
  readonly columns: number;
  readonly out: Writable;
  readonly err: Writable;
}

type TaskStart = Extract<RunEvent, { event: 'task_start' }>;

/** The plain reporter's only way out: every line through the terminal door (terminal.ts). */
function writeLines(stream: Writable, lines: readonly Line[], color: boolean): void {
  const chunk = renderLines(lines, color);
  if (chunk !== '') stream.write(chunk);
}

export class PlainReporter implements Reporter {
  readonly #o: HumanOptions;
  /** the task whose banner was printed last: a result of another task (free strategy) prints its banner again */
  #bannerTask: TaskStart | undefined;
  readonly #tasks = new Map<string, TaskStart>();
  readonly #timings: TaskTiming[] = [];

  constructor(o: HumanOptions) {
    this.#o = o;
  }

  on(e: RunEvent): void {
    const { columns, verbosity } = this.#o;
    const out = (lines: readonly Line[]): void => writeLines(this.#o.out, lines, this.#o.color);
    const err = (lines: readonly Line[]): void => writeLines(this.#o.err, lines, this.#o.color);
    switch (e.event) {
      case 'run_start':
        if (verbosity >= 2) out(banner(`PLAYBOOK: ${e.playbook.split('/').pop() ?? e.playbook}`, columns));
        break;
      case 'play_start':
        this.#bannerTask = undefined;
        this.#tasks.clear();
        out(e.noHostsMatched === true ? [...playBanner(e.play, columns), noHostsMatchedLine()] : playBanner(e.play, columns));
        break;
      case 'task_start':
        this.#tasks.set(e.task, e);
        this.#bannerTask = e;
        out(taskBanner(e, columns, verbosity));
        break;
      case 'host_result': {
        const owner = this.#tasks.get(e.task);
        if (owner && owner !== this.#bannerTask) {
          this.#bannerTask = owner;
          out(taskBanner(owner, columns, verbosity));
        }
        out(hostResultLines(e, { verbosity }));
        break;
      }
      case 'task_end': {
        const start = this.#tasks.get(e.task);
        this.#timings.push({ name: start ? taskName(start) : e.task, durationMs: e.durationMs });
        break;
      }
      case 'warning':
        err([warningLine(e.msg)]);
        break;
      case 'log':
        if (verbosity >= e.level) out([logLine(e)]);
        break;
      case 'recap':
        out([...recapLines(e.hosts, columns), ...slowestLines(this.#timings, columns)]);
        break;
      case 'run_end':
        break;
      default:
        assertNever(e);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function assertNever(e: never): never {
  throw new Error(`unknown run event ${JSON.stringify(e)}`);
}
