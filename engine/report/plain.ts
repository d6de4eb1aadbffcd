// The plain human reporter: ansible-playbook's default output, line by line, for logs, pipes and NO_COLOR.
import type { Writable } from 'node:stream';
import type { Reporter, RunEvent } from '../core/events.js';
import { painter, type Paint } from './colors.js';
import {
  banner,
  hostResultLines,
  logLine,
  playBanner,
  recapLines,
  slowestLines,
  taskBanner,
  taskName,
  warningLine,
  type TaskTiming,
} from './lines.js';

export interface HumanOptions {
  readonly verbosity: number;
  readonly color: boolean;
  readonly columns: number;
  readonly out: Writable;
  readonly err: Writable;
}

type TaskStart = Extract<RunEvent, { event: 'task_start' }>;

export function writeLines(stream: Writable, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
}

export class PlainReporter implements Reporter {
  readonly #o: HumanOptions;
  readonly #paint: Paint;
  /** the task whose banner was printed last: a result of another task (free strategy) prints its banner again */
  #bannerTask: TaskStart | undefined;
  readonly #tasks = new Map<string, TaskStart>();
  readonly #timings: TaskTiming[] = [];

  constructor(o: HumanOptions) {
    this.#o = o;
    this.#paint = painter(o.color);
  }

  on(e: RunEvent): void {
    const { out, err, columns, verbosity } = this.#o;
    switch (e.event) {
      case 'run_start':
        if (verbosity >= 2) writeLines(out, banner(`PLAYBOOK: ${e.playbook.split('/').pop() ?? e.playbook}`, columns));
        break;
      case 'play_start':
        this.#bannerTask = undefined;
        this.#tasks.clear();
        writeLines(out, playBanner(e.play, columns));
        break;
      case 'task_start':
        this.#tasks.set(e.task, e);
        this.#bannerTask = e;
        writeLines(out, taskBanner(e, columns, verbosity));
        break;
      case 'host_result': {
        const owner = this.#tasks.get(e.task);
        if (owner && owner !== this.#bannerTask) {
          this.#bannerTask = owner;
          writeLines(out, taskBanner(owner, columns, verbosity));
        }
        writeLines(out, hostResultLines(e, { verbosity, paint: this.#paint }));
        break;
      }
      case 'task_end': {
        const start = this.#tasks.get(e.task);
        this.#timings.push({ name: start ? taskName(start) : e.task, durationMs: e.durationMs });
        break;
      }
      case 'warning':
        writeLines(err, [warningLine(e.msg, this.#paint)]);
        break;
      case 'log':
        if (verbosity >= e.level) writeLines(out, [logLine(e, this.#paint)]);
        break;
      case 'recap':
        writeLines(out, [...recapLines(e.hosts, this.#paint, columns), ...slowestLines(this.#timings, columns)]);
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
