import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildProbeScript } from '../../../engine/run/probe-script.js';

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
});

