// dnf without names (update_cache alone, autoremove alone), autoremove with names, security/bugfix, update_only and
// download_only on EL lab hosts: ansible-playbook on h1 and kplay on h2, side by side: the same recap, exit code, task
// lines, registered results and packages left, first run and rerun. qemu-img is made unneeded before the runs
// (qemu-kvm, which pulled it in as a dependency, removed with rpm), so autoremove has work the first time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const REGISTERED = ['cache', 'cache_check', 'auto_check', 'auto', 'rm_py', 'rm_libvirt', 'rm_auto', 'security', 'bugfix', 'update_only', 'wrong_state', 'download'] as const;

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: update_cache alone
      dnf: { update_cache: true }
      register: cache
    - name: update_cache alone in check mode
      dnf: { update_cache: true }
      check_mode: true
      register: cache_check
    - name: autoremove alone in check mode
      dnf: { autoremove: true }
      check_mode: true
      register: auto_check
    - name: autoremove alone
      dnf: { autoremove: true }
      register: auto
    - name: a package removed, its dependency still needed
      dnf: { name: python3-libvirt, state: absent }
      register: rm_py
    - name: a package removed without autoremove - its dependency stays
      dnf: { name: libvirt, state: absent }
      register: rm_libvirt
    - name: names, state absent and autoremove - the dependency left behind goes
      dnf: { name: libvirt, state: absent, autoremove: true }
      register: rm_auto
    - name: only security updates of every package
      dnf: { name: "*", state: latest, security: true }
      register: security
    - name: only bugfix updates of an installed package
      dnf: { name: kplay-demo, state: latest, bugfix: true }
      register: bugfix
    - name: update_only leaves a missing package out
      dnf: { name: [kplay-demo, virt-viewer], state: latest, update_only: true }
      register: update_only
    - name: autoremove with state present
      dnf: { name: kplay-demo, state: present, autoremove: true }
      register: wrong_state
      ignore_errors: true
    - name: download_only
      dnf: { name: virt-install, download_only: true, download_dir: /root/kp-dl }
      register: download
    - name: keep the registered results
      copy: { content: "{{ [${REGISTERED.join(', ')}] | to_json }}", dest: /root/kp-dnf-results.json }
`;

/** The task lines of a run (TASK headers and each host's status), the host's name taken out. */
function taskLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^TASK \[|^(ok|changed|fatal|failed|skipping): \[|^\.\.\.ignoring/.test(l))
    .map((l) => l.replace(/^(\w+): \[h\d\].*$/, '$1'));
}

/**
 * What both tools must agree on in a registered result: changed, failed, msg, rc and results (sorted: Ansible's dnf
 * builds them from transaction.install_set and remove_set, Python sets, whose order is the hash's); download_only's
 * are "Downloaded: ..." lines in both.
 */
function pick(results: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return results.map((r, i) => ({
    name: REGISTERED[i],
    changed: r.changed,
    failed: r.failed ?? false,
    msg: r.msg,
    rc: r.rc,
    results: Array.isArray(r.results) ? [...(r.results as string[])].sort() : r.results,
  }));
}

const STATE = "rpm -qa --qf '%{name}\\n' | sort; ls /root/kp-dl 2>/dev/null";

describe('dnf without names, autoremove, security/bugfix, update_only and download_only against ansible-playbook on a lab', () => {
  const pb = join(mkdtempSync(join(tmpdir(), 'dnf-auto-')), 'pb.yml');
  writeFileSync(pb, PLAYBOOK);
  const lab = useLab({
    name: 'dnfauto',
    count: 2,
    ready: async (info) => {
      for (const host of ['h1', 'h2']) {
        // qemu-img comes in as qemu-kvm's dependency; removing qemu-kvm with rpm (dnf's own database untouched) leaves it unneeded
        const r = await labSsh(info, host, 'dnf -y -q install qemu-kvm libvirt python3-libvirt kplay-demo >/dev/null && rpm -e qemu-kvm 2>/dev/null && dnf -q repoquery --unneeded');
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^qemu-img-0:6.2.0/);
      }
    },
  });

  it('the same recap, exit code, task lines, registered results and packages as ansible-playbook, first run and rerun', async () => {
    const rounds: Record<string, unknown>[][] = [];
    for (const round of ['first', 'rerun']) {
      const [a, k] = await Promise.all([ansiblePlaybook(['-i', lab.inventory, pb, '-l', 'h1']), kplay('run', '--no-live', '-i', lab.inventory, pb, '-l', 'h2')]);
      const say = `${round}\n${k.stdout}\n${k.stderr}\n--- ansible\n${a.stdout}`;
      expect(parseRecap(k.stdout).h2, say).toEqual(parseRecap(a.stdout).h1);
      expect(k.code, say).toBe(a.code);
      expect(taskLines(k.stdout), say).toEqual(taskLines(a.stdout));
      const read = async (host: string): Promise<Record<string, unknown>[]> => JSON.parse((await labSsh(lab.info(), host, 'cat /root/kp-dnf-results.json')).stdout) as Record<string, unknown>[];
      const [ra, rk] = [pick(await read('h1')), pick(await read('h2'))];
      expect(rk, say).toEqual(ra);
      rounds.push(rk);
      const [sa, sk] = [await labSsh(lab.info(), 'h1', STATE), await labSsh(lab.info(), 'h2', STATE)];
      expect(sk.stdout, round).toBe(sa.stdout);
      expect(sk.stdout).not.toMatch(/qemu-img|libvirt/);
      expect(sk.stdout).toMatch(/^virt-install-.*\.rpm$/m);
    }
    const [first, rerun] = rounds;
    expect(first?.find((r) => r.name === 'auto')).toEqual({ name: 'auto', changed: true, failed: false, msg: '', rc: 0, results: ['Removed: qemu-img-6.2.0-1.kplay.el8.noarch'] });
    expect(first?.find((r) => r.name === 'rm_auto')).toEqual({ name: 'rm_auto', changed: true, failed: false, msg: '', rc: 0, results: ['Removed: libvirt-client-8.0.0-1.kplay.el8.noarch'] });
    expect(rerun?.find((r) => r.name === 'auto')).toEqual({ name: 'auto', changed: false, failed: false, msg: 'Nothing to do', rc: 0, results: [] });
    expect(first?.find((r) => r.name === 'cache')).toEqual({ name: 'cache', changed: false, failed: false, msg: 'Cache updated', rc: 0, results: [] });
    expect(first?.find((r) => r.name === 'download')).toMatchObject({ changed: true, results: ['Downloaded: virt-install-3.2.0-1.kplay.el8.noarch'] });
  });
});
