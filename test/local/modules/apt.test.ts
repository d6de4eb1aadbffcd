// apt's dpkg-query probe run by this machine's sh and dpkg: dpkg is installed, a made-up name is not.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { aptModule } from '../../../modules/apt.js';
import { plan, probes } from './support/apply-locally.js';

const APT = 'DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const base = { state: 'present', update_cache: false, cache_valid_time: 0, purge: false };

it('reads this machine for real: dpkg is installed, a made-up name is not', () => {
  const pr = probes(aptModule, { ...base, name: ['dpkg', 'kplay-no-such-package'] });
  const r = spawnSync('sh', ['-c', pr.dpkg ?? 'false'], { encoding: 'utf8' });
  const p = plan(aptModule, { ...base, name: ['dpkg', 'kplay-no-such-package'] }, { dpkg: { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 } });
  expect(p.kind === 'change' && p.steps.map((s) => s.cmd)).toEqual([`${APT} install -- kplay-no-such-package`]);
  expect(plan(aptModule, { ...base, name: ['dpkg'] }, { dpkg: { stdout: r.stdout, stderr: '', code: 0 } }).kind).toBe('ok');
});

