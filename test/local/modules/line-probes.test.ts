// Several one-line probes run as one script by a real sh (local: it starts sh), and split back per part.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lineProbes, splitLineProbes } from '../../../modules/common/line-probes.js';

describe('line probes', () => {
  it('each part gets its line and code 0, or code 1 when it failed (its stderr dropped)', () => {
    const script = lineProbes({ a: 'echo first line', b: 'echo not-this >&2; false', c: 'printf "x y|z\\n"', d: 'exit 3' });
    const r = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(splitLineProbes({ stdout: r.stdout, stderr: '', code: r.status ?? 255 }, ['a', 'b', 'c', 'd', 'never'])).toEqual({
      a: { stdout: 'first line\n', stderr: '', code: 0 },
      b: { stdout: '', stderr: '', code: 1 },
      c: { stdout: 'x y|z\n', stderr: '', code: 0 },
      d: { stdout: '', stderr: '', code: 1 },
      never: { stdout: '', stderr: '', code: 1 },
    });
  });
});
