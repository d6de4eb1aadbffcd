// vars_prompt on a terminal (a pseudo-terminal from util-linux `script`): each question once, private answers
// not echoed, confirm asked again after a mismatch, an empty answer takes the default, unsafe answers stay literal.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const INVENTORY = resolve(ROOT, 'test', 'fixtures', 'runner', 'inventory.ini');
const PLAYBOOK = resolve(ROOT, 'test', 'fixtures', 'prompt', 'vars_prompt_tty.yml');
const SECRET = 'typed-s3cret';

/** Each prompt as it appears, and what to type at it (in order: a prompt shown twice gets two answers). */
const DIALOGUE: readonly [prompt: string, answer: string][] = [
  ['Secret: ', SECRET],
  ['Visible: ', 'shown-typed'],
  ['Confirmed: ', 'first'],
  ['confirm Confirmed: ', 'second'],
  ['***** VALUES ENTERED DO NOT MATCH ****', ''],
  ['Confirmed: ', 'agreed'],
  ['confirm Confirmed: ', 'agreed'],
  ['With default [dflt]: ', ''],
  // kplay marks unsafe strings by value, so the two template answers differ: the same text would be unsafe in both
  ['Raw: ', '{{ 2 + 2 }}'],
  ['Rendered: ', '{{ 1 + 1 }}'],
];

it('asks each question on the terminal, in order, and the play sees the answers', async () => {
  const command = `node ${KPLAY} run -i ${INVENTORY} ${PLAYBOOK}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let step = 0;
  let seen = 0;
  const advance = (): void => {
    const turn = DIALOGUE[step];
    if (turn === undefined) return;
    const at = out.indexOf(turn[0], seen);
    if (at < 0) return;
    seen = at + turn[0].length;
    step++;
    // a mismatch line is not a question: nothing to type, look for the next prompt
    if (turn[0].startsWith('*****')) return advance();
    // typed once raw mode is on (typed earlier, the terminal itself would echo a private answer)
    setTimeout(() => child.stdin.write(`${turn[1]}\r`), 100);
  };
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    advance();
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(step, out).toBe(DIALOGUE.length);
  expect(code, out).toBe(0);
  expect(out.match(/Secret: /g)).toHaveLength(1);
  expect(out).not.toContain(SECRET);
  expect(out).toContain('Visible: shown-typed');
  // the line ansible-playbook 2.14 printed for the same answers (typed on a pty with pexpect)
  expect(out).toContain('secret_ok=True visible=shown-typed confirmed=agreed with_default=dflt raw={{ 2 + 2 }} rendered=2');
  expect(out).not.toContain('Not prompting');
}, 60_000);
