// The exec driver over plain streams: prompt and marker split across chunks, UTF-8 across chunks, FIFO channel slots.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../engine/core/secret.js';
import { prepareCommand } from '../../../engine/transport/command-line.js';
import { driveCommand, type RunningCommand } from '../../../engine/transport/exec-driver.js';
import { Semaphore } from '../../../engine/transport/semaphore.js';

function fakeRun(): { run: RunningCommand; stdin: Buffer[]; exit: (code: number) => void; stdout: PassThrough; stderr: PassThrough; killed: () => boolean } {
  const stdinStream = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const written: Buffer[] = [];
  stdinStream.on('data', (c: Buffer) => written.push(c));
  let exit: (code: number) => void = () => undefined;
  let killed = false;
  const done = new Promise<number>((resolve) => {
    exit = resolve;
  });
  return {
    run: { stdin: stdinStream, stdout, stderr, done, kill: () => (killed = true) },
    stdin: written,
    exit,
    stdout,
    stderr,
    killed: () => killed,
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('driveCommand', () => {
  it('answers a prompt split over chunks, then sends stdin after a split marker; strips both', async () => {
    const p = prepareCommand('cat', undefined, { user: 'root', password: new Secret('pw') }, 'T');
    const f = fakeRun();
    const result = driveCommand(f.run, p, { host: 'h', stdin: 'data' });
    f.stderr.write('note\n[kplay-sudo-');
    await tick();
    expect(Buffer.concat(f.stdin).toString()).toBe('');
    f.stderr.write('T] password:');
    await tick();
    expect(Buffer.concat(f.stdin).toString()).toBe('pw\n');
    f.stdout.write('KPLAY-BEC');
    await tick();
    expect(Buffer.concat(f.stdin).toString()).toBe('pw\n');
    f.stdout.write('OME-T\nda');
    await tick();
    expect(Buffer.concat(f.stdin).toString()).toBe('pw\ndata');
    f.stdout.write('ta');
    f.exit(0);
    expect(await result).toMatchObject({ stdout: 'data', stderr: 'note\n', code: 0 });
  });

  it('deferred stdin: written once both streams showed their text (split across chunks), from all output so far; then ends', async () => {
    const f = fakeRun();
    let ended = false;
    f.run.stdin.on('finish', () => (ended = true));
    const seen: string[] = [];
    const result = driveCommand(f.run, prepareCommand('x', undefined, undefined), {
      host: 'h',
      stdin: { after: { stdout: 'READY\n', stderr: 'READY\n' }, write: (o: string, e: string) => (seen.push(`${o}|${e}`), 'steps\n') },
    });
    f.stdout.write('probe out\nREA');
    f.stderr.write('probe err\nREADY\n');
    await tick();
    expect(seen).toEqual([]);
    expect(ended).toBe(false);
    f.stdout.write('DY\n');
    await tick();
    expect(seen).toEqual(['probe out\nREADY\n|probe err\nREADY\n']);
    expect(Buffer.concat(f.stdin).toString()).toBe('steps\n');
    expect(ended).toBe(true);
    f.stdout.write('step out');
    f.exit(0);
    expect(await result).toMatchObject({ stdout: 'probe out\nREADY\nstep out', code: 0 });
    expect(seen).toHaveLength(1);
  });

  it('deferred stdin: a failing write() ends stdin and rejects the exec with its error', async () => {
    const f = fakeRun();
    const result = driveCommand(f.run, prepareCommand('x', undefined, undefined), {
      host: 'h',
      stdin: { after: { stdout: 'R', stderr: '' }, write: () => { throw new Error('plan broke'); } },
    });
    f.stdout.write('R');
    f.exit(0);
    await expect(result).rejects.toThrow('plan broke');
  });

  it('a second prompt means a wrong password: rejects and kills', async () => {
    const p = prepareCommand('true', undefined, { user: 'ops', password: new Secret('bad') }, 'T');
    const f = fakeRun();
    const result = driveCommand(f.run, p, { host: 'h', becomeUser: 'ops' });
    f.stderr.write('[kplay-sudo-T] password:');
    await tick();
    f.stderr.write('Sorry, try again.\n[kplay-sudo-T] password:');
    await expect(result).rejects.toThrow(/become as ops failed on h: .*incorrect password/);
    expect(f.killed()).toBe(true);
  });

  it('decodes UTF-8 split across chunks once at the end', async () => {
    const f = fakeRun();
    const result = driveCommand(f.run, prepareCommand('x', undefined, undefined), { host: 'h' });
    const bytes = Buffer.from('aé€😀', 'utf8');
    for (const b of bytes) f.stdout.write(Buffer.from([b]));
    f.exit(0);
    expect((await result).stdout).toBe('aé€😀');
  });

  it('times out: rejects with code timeout and kills', async () => {
    const f = fakeRun();
    await expect(driveCommand(f.run, prepareCommand('x', undefined, undefined), { host: 'h', timeoutMs: 20 })).rejects.toMatchObject({ code: 'timeout' });
    expect(f.killed()).toBe(true);
  });
});

describe('Semaphore', () => {
  it('admits at most the limit and serves the rest first come, first served', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const all = [0, 1, 2, 3, 4].map((i) =>
      s.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(s.waiting).toBe(3);
    releases[1]?.();
    releases[1]?.(); // a second release of the same slot is ignored
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(s.active).toBe(2);
    releases[0]?.();
    releases[2]?.();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    await Promise.all(all);
  });
});
