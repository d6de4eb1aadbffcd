// -K off a terminal: the first line of stdin is the password; no line is a clear error.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askPassword } from '../../../cli/ask-password.js';

function streams(): { input: NodeJS.ReadStream; output: PassThrough; prompt: () => string } {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  return { input: new PassThrough() as unknown as NodeJS.ReadStream, output, prompt: () => Buffer.concat(chunks).toString('utf8') };
}

describe('askPassword off a terminal', () => {
  it('prints the prompt and takes the first line, not the rest', async () => {
    const s = streams();
    const answer = askPassword('BECOME password: ', s.input, s.output);
    (s.input as unknown as PassThrough).end('s3cret word\nnext line\n');
    await expect(answer).resolves.toBe('s3cret word');
    expect(s.prompt()).toBe('BECOME password: ');
  });

  it('rejects with a clear message when stdin ends first', async () => {
    const s = streams();
    const answer = askPassword('BECOME password: ', s.input, s.output);
    (s.input as unknown as PassThrough).end();
    await expect(answer).rejects.toThrow(/standard input ended before a password line/);
  });
});
