// -K and -J: a password asked once before the run, as ansible-playbook's "BECOME password: " and "Vault password: "
// prompts. On a terminal it is typed without echo; otherwise the first line of standard input is the password (as
// Python's getpass falls back).
import { createInterface } from 'node:readline';
import type { ReadStream } from 'node:tty';
import { InputError } from '../engine/core/errors.js';

/** Which option asks, and for what: named in the errors. */
export interface PasswordPurpose {
  readonly flag: string;
  readonly noun: string;
}

const BECOME: PasswordPurpose = { flag: '-K', noun: 'the become password' };

export function askPassword(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
  purpose: PasswordPurpose = BECOME,
): Promise<string> {
  output.write(prompt);
  if (input.isTTY) return readTyped(input, output, { echo: false, what: `${purpose.flag}: interrupted while asking for ${purpose.noun}` });
  return readFirstLine(input, purpose).catch((err: unknown) => {
    output.write('\n');
    throw err;
  });
}

/**
 * One line typed on a terminal, read in raw mode: without echo (a password), or echoed as typed. `what` is the
 * message of the error for Ctrl-C (raw mode turns it into a character, so it is no signal).
 */
export function readTyped(input: ReadStream, output: NodeJS.WritableStream, how: { echo: boolean; what: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new InputError(how.what));
          return;
        }
        const erase = ch === '\u007f' || ch === '\b';
        if (how.echo && (!erase || text !== '')) output.write(erase ? '\b \b' : ch);
        text = erase ? text.slice(0, -1) : text + ch;
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * Lines of a piped standard input, shared by every question (-K then -J, several `--vault-id x@prompt`): one chunk
 * often holds all the answers, so a reader per question would lose the lines after its own.
 */
interface LineQueue {
  readonly lines: string[];
  readonly waiting: ((line: string | undefined) => void)[];
  ended: boolean;
}

const queues = new WeakMap<NodeJS.ReadStream, LineQueue>();

function lineQueue(input: NodeJS.ReadStream): LineQueue {
  const known = queues.get(input);
  if (known) return known;
  const queue: LineQueue = { lines: [], waiting: [], ended: false };
  const reader = createInterface({ input, terminal: false });
  reader.on('line', (line) => {
    const waiter = queue.waiting.shift();
    if (waiter) waiter(line);
    else queue.lines.push(line);
    // nobody waits: stop reading, so the run is not held up by an open standard input
    if (queue.waiting.length === 0) input.pause();
  });
  reader.on('close', () => {
    queue.ended = true;
    for (const waiter of queue.waiting.splice(0)) waiter(undefined);
  });
  queues.set(input, queue);
  return queue;
}

function nextLine(input: NodeJS.ReadStream): Promise<string | undefined> {
  const queue = lineQueue(input);
  if (queue.lines.length > 0) return Promise.resolve(queue.lines.shift());
  if (queue.ended) return Promise.resolve(undefined);
  input.resume();
  return new Promise((resolve) => queue.waiting.push(resolve));
}

async function readFirstLine(input: NodeJS.ReadStream, purpose: PasswordPurpose): Promise<string> {
  const line = await nextLine(input);
  if (line === undefined) throw new InputError(`${purpose.flag}: standard input ended before a password line`);
  return line;
}
