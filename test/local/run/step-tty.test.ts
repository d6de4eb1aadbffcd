// --step on a terminal (a pseudo-terminal from util-linux `script`): each question waits for a typed answer, which
// is echoed; n skips the task, c runs the rest of the play without asking, and the next play asks again.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');
const QUESTION = /Perform task: [^\n]*\(N\)o\/\(y\)es\/\(c\)ontinue: /g;

it('asks before each task on the terminal and follows the answers typed', async () => {
  const command = `node ${KPLAY} run --step -i ${FIXTURES}/inventory.ini -e dir=/nonexistent ${FIXTURES}/step.yml`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  // the role's two tasks: yes, then no; then continue through the play; the next play asks again: continue
  const answers = ['yes', 'n', 'c', 'c'];
  let out = '';
  let asked = 0;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    // a question is up once its prompt ends the output (its banner repeats it, followed by stars)
    const questions = [...out.matchAll(QUESTION)].filter((m) => !out.slice((m.index ?? 0) + m[0].length).startsWith('*')).length;
    if (questions > asked && out.endsWith('(c)ontinue: ')) {
      const answer = answers[asked++] ?? 'n';
      // typed only once the prompt is up (raw mode on): typed earlier, the terminal itself would echo it
      setTimeout(() => child.stdin.write(`${answer}\r`), 100);
    }
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(code, out).toBe(0);
  expect(asked, out).toBe(4);
  expect(out).toContain('(c)ontinue: yes');
  expect(out).toContain('TASK [tagged : role task]');
  expect(out).not.toContain('TASK [tagged : role task tagged d]');
  expect(out).toContain('TASK [declined]');
  expect(out).toContain('TASK [in the next play]');
  expect(out).toContain('PLAY RECAP');
}, 60_000);
