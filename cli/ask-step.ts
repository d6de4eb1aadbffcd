// --step's question before each task, asked as Ansible asks it (Python's input()): on a terminal the answer is typed
// and echoed; otherwise each answer is the next line of standard input (Ansible reads it too, terminal or not), and
// at its end no answer is left. Then, as Ansible, the question again as a banner.
import { createInterface, type Interface } from 'node:readline';
import type { StepAsk } from '../engine/run/options.js';
import { banner } from '../engine/report/lines.js';
import { escapeControls } from '../engine/report/terminal.js';
import { readTyped } from './ask-password.js';

export interface StepAsker {
  readonly ask: StepAsk;
  /** stop reading standard input (else a pipe still open would keep the process waiting) */
  close(): void;
}

export function stepAsker(input: NodeJS.ReadStream, output: NodeJS.WritableStream, columns: number): StepAsker {
  let lines: LineQueue | undefined;
  const ask: StepAsk = async (prompt) => {
    output.write(escapeControls(prompt));
    let answer: string | undefined;
    if (input.isTTY) {
      try {
        answer = await readTyped(input, output, { echo: true, what: '--step: interrupted' });
      } catch {
        // Ctrl-C (a character in raw mode): the run is interrupted as by the signal, and this task does not run
        process.kill(process.pid, 'SIGINT');
        return 'n';
      }
    } else {
      lines ??= new LineQueue(input);
      answer = await lines.next();
    }
    // no answer at all (end of input): Ansible's input() fails before its banner
    output.write(answer === undefined ? '\n' : `${banner(prompt.trim(), columns).join('\n')}\n`);
    return answer;
  };
  return { ask, close: () => lines?.close() };
}

/** The lines of a stream, one per call, read as they come; undefined once it has ended. */
class LineQueue {
  readonly #reader: Interface;
  readonly #ready: string[] = [];
  readonly #waiting: ((line: string | undefined) => void)[] = [];
  #ended = false;

  constructor(input: NodeJS.ReadStream) {
    this.#reader = createInterface({ input, terminal: false });
    this.#reader.on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(line);
      else this.#ready.push(line);
    });
    this.#reader.on('close', () => {
      this.#ended = true;
      for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    });
  }

  next(): Promise<string | undefined> {
    if (this.#ready.length > 0) return Promise.resolve(this.#ready.shift());
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  close(): void {
    this.#reader.close();
  }
}
