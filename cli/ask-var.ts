// vars_prompt on a terminal, as Ansible's Display.do_var_prompt: the question on stderr (stdout may be --json),
// a private answer typed without echo, and `confirm` asking again until two answers match.
import type { ReadStream } from 'node:tty';
import type { VarQuestion } from '../engine/run/options.js';
import { escapeControls } from '../engine/report/terminal.js';
import { readTyped } from './ask-password.js';

export const MISMATCH = '***** VALUES ENTERED DO NOT MATCH ****';

export async function askVar(question: VarQuestion, input: ReadStream, output: NodeJS.WritableStream = process.stderr): Promise<string> {
  const how = { echo: !question.private, what: `vars_prompt: interrupted at "${question.text.trim()}"` };
  for (;;) {
    output.write(escapeControls(question.text));
    const answer = await readTyped(input, output, how);
    if (!question.confirm) return answer;
    output.write(escapeControls(`confirm ${question.text}`));
    if ((await readTyped(input, output, how)) === answer) return answer;
    output.write(`${MISMATCH}\n`);
  }
}
