// The dnf module's registered results on EL lab hosts against ansible-playbook (h1), kplay on h2: install with
// dependencies, no change, latest over an older version, remove with the packages that need it, autoremove, each in
// check mode and for real, and an unknown package. Compared: changed, failed, msg, rc, failures, and `results`, the
// "Installed: NEVRA" / "Removed: NEVRA" line of every package of the transaction. Sorted: Ansible's dnf builds them from
// transaction.install_set and remove_set, Python sets of hawkey packages, whose order is the hash's.
// kplay-demo 0.9 is built on each host and installed with rpm first, so that latest upgrades it to the repository's 1.0.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const REGISTERED = ['c_install', 'install', 'again', 'c_latest', 'latest', 'c_remove', 'remove', 'c_auto', 'auto', 'nope'] as const;

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - { dnf: { name: firewalld }, check_mode: true, register: c_install }
    - { dnf: { name: firewalld }, register: install }
    - { dnf: { name: [firewalld, python3-nftables] }, register: again }
    - { dnf: { name: kplay-demo, state: latest }, check_mode: true, register: c_latest }
    - { dnf: { name: kplay-demo, state: latest }, register: latest }
    - { dnf: { name: python3-nftables, state: absent }, check_mode: true, register: c_remove }
    - { dnf: { name: python3-nftables, state: absent }, register: remove }
    - { dnf: { autoremove: true }, check_mode: true, register: c_auto }
    - { dnf: { autoremove: true }, register: auto }
    - { dnf: { name: [chrony, kplay-nope] }, register: nope, ignore_errors: true }
    - copy: { content: "{{ [${REGISTERED.join(', ')}] | to_json }}", dest: /root/kp-dnf-results.json }
`;

/** What both tools must agree on; results sorted (see the top). */
function pick(results: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return results.map((r, i) => ({
    name: REGISTERED[i],
    changed: r.changed,
    failed: r.failed ?? false,
    msg: r.msg,
    ...(r.failed === true ? { failures: r.failures } : {}),
    rc: r.rc,
    results: Array.isArray(r.results) ? [...(r.results as string[])].sort() : r.results,
  }));
}

const OLD_DEMO = `Name: kplay-demo
Version: 0.9
Release: 1.el8
Summary: an older kplay-demo
License: MIT
BuildArch: noarch
%description
older
%files
`;

describe("dnf's results list against ansible-playbook on EL lab hosts", () => {
  const pb = join(mkdtempSync(join(tmpdir(), 'dnf-results-')), 'pb.yml');
  writeFileSync(pb, PLAYBOOK);
  const lab = useLab({
    name: 'dnfres',
    count: 2,
    os: 'el8',
    ready: async (info) => {
      for (const host of ['h1', 'h2']) {
        const r = await labSsh(
          info,
          host,
          `mkdir -p /tmp/rb && cat > /tmp/rb/old.spec <<'EOF'\n${OLD_DEMO}EOF\nrpmbuild --quiet --define '_topdir /tmp/rb' -bb /tmp/rb/old.spec && rpm -i /tmp/rb/RPMS/noarch/kplay-demo-0.9-1.el8.noarch.rpm 2>/dev/null && rpm -q kplay-demo`,
        );
        expect(r.stdout + r.stderr).toBe('kplay-demo-0.9-1.el8.noarch\n');
      }
    },
  });

  it('the same recap, exit code and registered results (changed, msg, rc, failures, results) as ansible-playbook', async () => {
    const [a, k] = await Promise.all([ansiblePlaybook(['-i', lab.inventory, pb, '-l', 'h1']), kplay('run', '--no-live', '-i', lab.inventory, pb, '-l', 'h2')]);
    const say = `${k.stdout}\n${k.stderr}\n--- ansible\n${a.stdout}`;
    expect(parseRecap(k.stdout).h2, say).toEqual(parseRecap(a.stdout).h1);
    expect(k.code, say).toBe(a.code);
    const read = async (host: string): Promise<Record<string, unknown>[]> => JSON.parse((await labSsh(lab.info(), host, 'cat /root/kp-dnf-results.json')).stdout) as Record<string, unknown>[];
    const [ra, rk] = [pick(await read('h1')), pick(await read('h2'))];
    expect(rk, say).toEqual(ra);
    const by = (name: string): Record<string, unknown> | undefined => rk.find((r) => r.name === name);
    const fw = ['firewalld-1.3.3-1.kplay.el8.noarch', 'python3-firewall-1.3.3-1.kplay.el8.noarch', 'python3-gobject-base-3.42.2-1.kplay.el8.noarch', 'python3-nftables-1.0.6-1.kplay.el8.noarch'];
    expect(by('c_install')).toMatchObject({ changed: true, msg: 'Check mode: No changes made, but would have if not in check mode', results: fw.map((p) => `Installed: ${p}`) });
    expect(by('install')).toMatchObject({ changed: true, msg: '', rc: 0, results: fw.map((p) => `Installed: ${p}`) });
    expect(by('again')).toMatchObject({ changed: false, msg: 'Nothing to do', results: [] });
    expect(by('latest')).toMatchObject({ changed: true, results: ['Installed: kplay-demo-1.0-1.el8.noarch', 'Removed: kplay-demo-0.9-1.el8.noarch'] });
    // python3-nftables takes the packages that need it along (Ansible's allowerasing); its own dependency stays
    expect(by('remove')).toMatchObject({ changed: true, results: [fw[0], fw[1], fw[3]].map((p) => `Removed: ${p}`) });
    expect(by('auto')).toMatchObject({ changed: true, results: [`Removed: ${fw[2] ?? ''}`] });
    expect(by('nope')).toMatchObject({ changed: false, failed: true, failures: ['No package kplay-nope available.'], rc: 1, results: [] });
  });
});
