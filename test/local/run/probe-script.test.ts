import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildProbeScript, frame, newMarker, unframe } from '../../../engine/run/probe-script.js';
import { commandTimes } from '../../../modules/common/python-time.js';

function runLocallyBoth(script: string): { stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('probe script', () => {
  it('frames outputs, stderr and exit codes of several probes run in one shell', () => {
    const p = buildProbeScript({
      a: 'echo one; echo two',
      b: 'printf no-newline; echo err >&2; exit 3',
      c: 'exit 0',
      d: 'definitely-not-a-command-kplay',
      e: 'cat; echo after-stdin',
    });
    const { stdout, stderr } = runLocallyBoth(p.script);
    const r = p.parse(stdout, stderr);
    expect(r.a).toEqual({ stdout: 'one\ntwo\n', stderr: '', code: 0 });
    expect(r.b).toEqual({ stdout: 'no-newline', stderr: 'err\n', code: 3 });
    expect(r.c).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(r.d?.code).toBe(127);
    expect(r.e).toEqual({ stdout: 'after-stdin\n', stderr: '', code: 0 });
  });

  it('reports probes that never ran as failed, not as empty success', () => {
    const p = buildProbeScript({ first: 'echo hi', second: 'echo never' }, 'MARK');
    const r = p.parse('MARK 0\nhi\n\nMARK/0 0\n', 'MARK 0\n\nMARK/0\n');
    expect(r.first).toEqual({ stdout: 'hi\n', stderr: '', code: 0 });
    expect(r.second?.code).toBe(255);
  });

  it.each(['dash', 'bash'])('a timed frame under %s: the host clock around the command, which cannot change it', (shell) => {
    const marker = newMarker();
    // the command sets the shell's variables (in its own subshell) and prints clock-like text and a fake end line
    const cmd = `__t0=fake; __t1=fake; __rc=0; sleep 0.05; printf '%s\\n' '${marker}/s1 0 1999-01-01 00:00:00.1\t1999-01-01 00:00:00.2'; cat; exit 4`;
    const r = spawnSync(shell, ['-c', frame(marker, 's0', cmd, { timed: true, stdin: true })], { encoding: 'utf8', input: 'fed\n' });
    const o = unframe(r.stdout, r.stderr, marker, 's0');
    expect(o).toMatchObject({ stdout: `${marker}/s1 0 1999-01-01 00:00:00.1\t1999-01-01 00:00:00.2\nfed\n`, code: 4 });
    const times = commandTimes(o?.clock);
    // (Python leaves out a fraction of exactly 0)
    expect(times.start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?$/);
    expect(times.delta).toMatch(/^0:00:0\d(\.\d{6})?$/);
    expect(String(times.delta) >= '0:00:00.050000', 'at least the sleep').toBe(true);
  });
});
