// The sudo wrapper: quoting survives hostile values, the password never reaches a command line, the dialogue works.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh } from '../../../engine/core/quote.js';
import { Secret } from '../../../engine/core/secret.js';
import { prepareCommand, withRemoteTimeout } from '../../../engine/transport/command-line.js';
import { LocalTransport } from '../../../engine/transport/local-transport.js';

const HOSTILE = [`a'b`, 'x; touch /tmp/pwned', '$(id)', '`id`', 'two\nlines', '*', '"q"', 'back\\slash', 'é ü'];

// A stand-in for sudo that only drops its options up to `--` and runs the rest: checks what sh makes of the line.
const FAKE_SUDO = `sudo() { while [ "$1" != "--" ]; do shift; done; shift; "$@"; }\n`;

describe('prepareCommand', () => {
  it('without become: env exports then the command', () => {
    const p = prepareCommand('echo "$A"', { A: "it's" }, undefined, 't');
    expect(p).toEqual({ line: `export A='it'"'"'s'\necho "$A"`, marker: undefined, prompt: undefined, password: undefined });
  });
  it('sudo -n without a password, sudo -S with our prompt with one; the password is never in the line', () => {
    expect(prepareCommand('id', undefined, { user: 'ops' }, 'T').line).toBe(`sudo -H -n -u ops -- sh -c 'echo KPLAY-BECOME-T\nid'`);
    const p = prepareCommand('id', undefined, { user: 'ops', password: new Secret('s3cr3t') }, 'T');
    expect(p.line).toBe(`sudo -H -S -p '[kplay-sudo-T] password:' -u ops -- sh -c 'echo KPLAY-BECOME-T\nid'`);
    expect(p.line).not.toContain('s3cr3t');
    expect(p.prompt).toBe('[kplay-sudo-T] password:');
  });
  it('rejects bad environment names', () => {
    expect(() => prepareCommand('true', { 'A;B': 'x' }, undefined)).toThrow(/not valid/);
  });
  it.each(HOSTILE)('hostile value %j arrives literally through env, become user and command', (value) => {
    const p = prepareCommand(sh`printf '%s|' ${value} "$V"`, { V: value }, { user: 'root' }, 'T');
    const out = execFileSync('sh', ['-c', FAKE_SUDO + p.line], { encoding: 'utf8' });
    expect(out).toBe(`KPLAY-BECOME-T\n${value}|${value}|`);
  });
});

describe('withRemoteTimeout', () => {
  it('leaves commands without a timeout alone', () => expect(withRemoteTimeout('echo a', undefined)).toBe('echo a'));
  it('passes output and exit codes through, and stops a command that overruns (with its children)', () => {
    const line = withRemoteTimeout(`printf '%s' "it's"; exit 4`, 5000);
    expect(line).toContain('timeout -k 2 5.000 sh -c');
    expect(spawnSync('sh', ['-c', line], { encoding: 'utf8' })).toMatchObject({ status: 4, stdout: "it's" });
    const t0 = Date.now();
    const r = spawnSync('sh', ['-c', withRemoteTimeout('sleep 10 & sleep 10; echo late', 300)], { encoding: 'utf8' });
    expect(r.status).toBe(124);
    expect(r.stdout).toBe('');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('the password dialogue (with a stand-in sudo that behaves like sudo -S -p)', () => {
  let bin: string;
  let oldPath: string | undefined;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'kplay-fakesudo-'));
    // reads the password line byte by byte like sudo, re-prompts on a wrong one, gives up after 3
    writeFileSync(
      join(bin, 'sudo'),
      `#!/bin/sh
prompt=''; cached=''
while [ "$1" != "--" ]; do case "$1" in -p) prompt="$2"; shift;; -n) cached=1;; esac; shift; done; shift
[ -f "${'$'}{FAKE_SUDO_CACHED:-/nonexistent}" ] && cached=1
if [ -z "$cached" ]; then
  n=0
  while :; do
    printf '%s' "$prompt" >&2
    IFS= read -r pw || exit 1
    [ "$pw" = "right" ] && break
    n=$((n+1)); echo "Sorry, try again." >&2
    [ $n -ge 3 ] && { echo "sudo: 3 incorrect password attempts" >&2; exit 1; }
  done
fi
exec "$@"
`,
    );
    chmodSync(join(bin, 'sudo'), 0o755);
    oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath ?? ''}`;
  });
  afterAll(() => {
    process.env.PATH = oldPath;
    rmSync(bin, { recursive: true, force: true });
  });

  const local = new LocalTransport('fake');
  it('right password: the command runs, gets its own stdin only, the marker and prompt are gone', async () => {
    const r = await local.exec('cat; echo done', { become: { user: 'nobody-else', password: new Secret('right') }, stdin: 'line1\nline2\n' });
    expect(r).toMatchObject({ stdout: 'line1\nline2\ndone\n', stderr: '', code: 0 });
  });
  it('no prompt (credentials cached / NOPASSWD): the password is not fed to the command', async () => {
    writeFileSync(join(bin, 'cached'), '');
    process.env.FAKE_SUDO_CACHED = join(bin, 'cached');
    try {
      const r = await local.exec('cat', { become: { user: 'nobody-else', password: new Secret('right') }, stdin: 'only this' });
      expect(r.stdout).toBe('only this');
    } finally {
      delete process.env.FAKE_SUDO_CACHED;
    }
  });
  it('wrong password: a clear failure at once, not a hang, and no password in the message', async () => {
    const t0 = Date.now();
    const err = await local.exec('echo should-not-run', { become: { user: 'nobody-else', password: new Secret('wrong-pw') } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/become as nobody-else failed on fake: .*incorrect password/);
    expect((err as Error).message).not.toContain('wrong-pw');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
  it('sudo refusing (-n with a password required) rejects with its message', async () => {
    writeFileSync(join(bin, 'sudo'), `#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n`);
    const err = await local.exec('true', { become: { user: 'nobody-else' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain('sudo: a password is required');
  });
});
