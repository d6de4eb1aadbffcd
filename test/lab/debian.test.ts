// Debian 12 lab hosts (`kplay lab up --os debian12`): apt installs real Debian packages from the lab's local
// repository, and a playbook gives the same recap, exit code and host state under kplay and ansible-playbook, on
// the first run and the rerun (h1 is kplay's host, h2 ansible-playbook's).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LabInfo } from '../../lab/types.js';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { withLab } from './support/lab.js';
import { onHost } from './support/modules.js';

const PLAY = 'test/fixtures/debian/apt.yml';
const lab = withLab({ name: 'debian', count: 2, kind: 'full', os: 'debian12' });
let info: LabInfo;
beforeAll(async () => {
  info = await lab.setup();
}, 900_000);
afterAll(lab.teardown);

/** What the playbook changes on a host, read with dpkg and systemctl. */
const state = (host: string) =>
  onHost(info, host, "dpkg-query -W -f '${Package} ${db:Status-Abbrev}\\n' hello tree redis-server less nginx nginx-common rsync 2>&1; systemctl is-active redis-server; systemctl is-enabled redis-server; hello");

it('is Debian 12 with apt and a repository of real packages', async () => {
  expect(await onHost(info, 'h1', '. /etc/os-release; echo $ID $VERSION_ID; cat /etc/debian_version; apt-cache policy hello | grep Candidate')).toMatch(
    /^debian 12\n12\.\d+\n\s*Candidate: \d/,
  );
});

it('runs a playbook of apt and service as ansible-playbook does: recap, exit code and host state, twice', async () => {
  const before = await state('h1');
  expect(before).toContain('less ii');
  expect(before).not.toMatch(/hello ii/);
  for (const round of ['first run', 'rerun']) {
    const [k, a] = await Promise.all([kplay('run', '--no-live', '-i', info.inventory, '-l', 'h1', PLAY), ansiblePlaybook(['-i', info.inventory, '-l', 'h2', PLAY])]);
    expect(a.code, `${round}: ${a.stdout}`).toBe(0);
    expect(k.code, `${round}: ${k.stdout}${k.stderr}`).toBe(0);
    expect(parseRecap(k.stdout).h1, round).toEqual(parseRecap(a.stdout).h2);
    expect(await state('h1'), round).toBe(await state('h2'));
  }
  const after = await state('h1');
  expect(after).toMatch(/^hello ii\s*$/m);
  expect(after).toMatch(/^redis-server ii\s*$/m);
  expect(after).toContain('active\nenabled\nHello, world!');
  expect(after).not.toContain('less ii');
  // installed with policy_rc_d, removed, then autoremove took nginx-common too
  expect(after).not.toMatch(/^nginx(-common)? ii/m);
  expect(after).toMatch(/^rsync ii\s*$/m);
  // every run installs nginx, removes it and autoremoves nginx-common again: those three change, nothing else
  expect(parseRecap((await kplay('run', '--no-live', '-i', info.inventory, '-l', 'h1', PLAY)).stdout).h1).toMatchObject({ changed: 3, failed: 0 });
});
