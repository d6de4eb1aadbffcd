// -k and -K: asked in ansible-playbook's order (SSH first), from one standard input; with both, an empty become
// password is the SSH password. On a terminal: both prompts, nothing typed echoed.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askRunPasswords } from '../../../cli/ask-run-passwords.js';
import { ROOT } from '../../lab/support/cli.js';

function piped(text: string): { input: NodeJS.ReadStream; output: PassThrough; shown: () => string } {
  const input = new PassThrough();
  input.end(text);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  return { input: input as unknown as NodeJS.ReadStream, output, shown: () => Buffer.concat(chunks).toString('utf8') };
}

describe('-k and -K off a terminal', () => {
  it('-k alone takes the first line as the SSH password', async () => {
    const s = piped('ssh-pw\nrest\n');
    const got = await askRunPasswords({ askPass: true }, s.input, s.output);
    expect(got.ssh?.reveal()).toBe('ssh-pw');
    expect(got.become).toBeUndefined();
    expect(s.shown()).toBe('SSH password: ');
  });

  it('-k -K: the SSH password first, then become\'s, with Ansible\'s prompts', async () => {
    const s = piped('ssh-pw\nsudo-pw\n');
    const got = await askRunPasswords({ askPass: true, askBecomePass: true }, s.input, s.output);
    expect([got.ssh?.reveal(), got.become?.reveal()]).toEqual(['ssh-pw', 'sudo-pw']);
    expect(s.shown()).toBe('SSH password: BECOME password[defaults to SSH password]: ');
  });

  it('-k -K with an empty become line: become uses the SSH password', async () => {
    const s = piped('ssh-pw\n\n');
    const got = await askRunPasswords({ askPass: true, askBecomePass: true }, s.input, s.output);
    expect(got.become?.reveal()).toBe('ssh-pw');
  });

  it('-K alone keeps its prompt, and an empty line is an empty password', async () => {
    const s = piped('\n');
    const got = await askRunPasswords({ askBecomePass: true }, s.input, s.output);
    expect(got.ssh).toBeUndefined();
    expect(got.become?.reveal()).toBe('');
    expect(s.shown()).toBe('BECOME password: ');
  });

  it('-k without a line: a clear error naming -k', async () => {
    const s = piped('');
    await expect(askRunPasswords({ askPass: true }, s.input, s.output)).rejects.toThrow(/-k: standard input ended before a password line/);
  });
});

it('-k -K on a terminal: both asked once, in order, nothing typed echoed', async () => {
  const fixtures = resolve(ROOT, 'test', 'fixtures', 'runner');
  const command = `node ${resolve(ROOT, 'bin', 'kplay.js')} run -k -K --no-live -i ${fixtures}/inventory.ini ${fixtures}/order.yml`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  const answers = [
    { after: 'SSH password: ', text: 'typed-Ssh-9' },
    { after: 'BECOME password[defaults to SSH password]: ', text: 'typed-Sudo-9' },
  ];
  let next = 0;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    const answer = answers[next];
    // type only once the prompt is up (raw mode on): typed earlier, the terminal itself would echo it
    if (answer !== undefined && out.includes(answer.after)) {
      next += 1;
      setTimeout(() => child.stdin.write(`${answer.text}\r`), 100);
    }
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(next, out).toBe(2);
  expect(code, out).toBe(0);
  expect(out.indexOf('SSH password: ')).toBeLessThan(out.indexOf('BECOME password'));
  expect(out.match(/SSH password: /g)).toHaveLength(1);
  expect(out).not.toContain('typed-Ssh-9');
  expect(out).not.toContain('typed-Sudo-9');
  expect(out).toContain('PLAY RECAP');
}, 60_000);
