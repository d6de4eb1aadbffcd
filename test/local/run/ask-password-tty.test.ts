// -K on a terminal (a pseudo-terminal from util-linux `script`): the prompt, then the password typed without echo.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');
const PASSWORD = 'typed-Pa55word';

it('asks once on the terminal and does not echo what is typed', async () => {
  const command = `node ${KPLAY} run -K --no-live -i ${FIXTURES}/inventory.ini ${FIXTURES}/order.yml`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let typed = false;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    // type only once the prompt is up (raw mode on): typed earlier, the terminal itself would echo it
    if (!typed && out.includes('BECOME password: ')) {
      typed = true;
      setTimeout(() => child.stdin.write(`${PASSWORD}\r`), 100);
    }
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(typed, out).toBe(true);
  expect(code, out).toBe(0);
  expect(out.match(/BECOME password: /g)).toHaveLength(1);
  expect(out).not.toContain(PASSWORD);
  expect(out).toContain('PLAY RECAP');
}, 60_000);
