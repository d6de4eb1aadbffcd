// -K: a password asked once before the run, as ansible-playbook's "BECOME password: " prompt. On a terminal it is
// typed without echo; otherwise the first line of standard input is the password (as Python's getpass falls back).
import { createInterface } from 'node:readline';
import type { ReadStream } from 'node:tty';
import { InputError } from '../engine/core/errors.js';

export function askPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  output.write(prompt);
  if (input.isTTY) return readHidden(input, output);
  return readFirstLine(input).catch((err: unknown) => {
    output.write('\n');
    throw err;
  });
}

function readHidden(input: ReadStream, output: NodeJS.WritableStream): Promise<string> {
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
          reject(new InputError('-K: interrupted while asking for the become password'));
          return;
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

function readFirstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, terminal: false });
    let got = false;
    lines.once('line', (line) => {
      got = true;
      lines.close();
      input.pause();
      resolve(line);
    });
    lines.once('close', () => {
      if (!got) reject(new InputError('-K: standard input ended before a password line'));
    });
  });
}
