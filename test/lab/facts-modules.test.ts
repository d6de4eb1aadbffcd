// The fact modules and the play's gathering keywords on a lab host, under kplay and ansible-playbook: the same
// recap and exit code, and the same values where a `when` or an assert reads them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap, runCommand } from './support/cli.js';
import { useLab } from './support/lab.js';

const PLAYBOOK = `
- name: gathering keywords
  hosts: lab
  gather_subset: ['!all', '!min', network, distribution, pkg_mgr]
  fact_path: /nonexistent/facts.d
  tasks:
    - name: network and distribution gathered, hardware not
      assert:
        that:
          - ansible_os_family == 'RedHat'
          - ansible_distribution_major_version | int >= 7
          - ansible_pkg_mgr in ['dnf', 'yum']
          - ansible_all_ipv4_addresses | length > 0
          - ansible_default_ipv4 is mapping
          - ansible_memtotal_mb is not defined
          - ansible_facts.env is not defined
    - name: setup adds memory facts
      setup: { gather_subset: ['!all', '!min', hardware], filter: ['ansible_*_mb'] }
    - name: memory now known, and distribution kept
      assert:
        that:
          - ansible_memtotal_mb > 0
          - ansible_facts.memory_mb.real.total == ansible_memtotal_mb
          - ansible_distribution == ansible_facts.distribution
    - name: only on EL
      debug: { msg: "EL {{ ansible_distribution_major_version }}" }
      when: ansible_os_family == 'RedHat'
    - name: never on Debian
      debug: { msg: "Debian" }
      when: ansible_os_family == 'Debian'
    - service_facts:
    - name: sshd runs (on the lab, sshd.service is an alias, whose state systemctl show gives)
      assert: { that: ["ansible_facts.services['sshd.service'].state in ['running', 'active']", "ansible_facts.services['sshd.service'].source == 'systemd'"] }
    - name: the alias as Ansible sees it
      debug: { var: "ansible_facts.services['sshd.service']" }
    - package_facts: { manager: auto }
    - name: packages read (the lab's rpm database holds only the lab's packages)
      assert: { that: ["ansible_facts.packages is mapping"] }
    - name: sshd listens
      wait_for: { port: 22, timeout: 10 }
      register: port
    - name: hosts names localhost
      wait_for: { path: /etc/hosts, search_regex: 'local(host)', timeout: 5 }
      register: found
    # found listening before the timeout (elapsed is whole seconds: 1 or more on a loaded machine)
    - assert: { that: ["found.match_groups == ['host']", "port is succeeded", "port.elapsed < 10"] }
    - name: a closed port times out
      wait_for: { port: 1, timeout: 2, sleep: 1 }
      ignore_errors: true
    - name: a missing file times out
      wait_for: { path: /nonexistent, timeout: 1 }
      register: missing
      ignore_errors: true
    - assert: { that: ["missing is failed", "missing.msg == 'Timeout when waiting for file /nonexistent'"] }
`;

describe('fact modules and gathering keywords against ansible-playbook', () => {
  const lab = useLab({ name: 'factsm', count: 1 });
  const pb = join(mkdtempSync(join(tmpdir(), 'facts-modules-')), 'pb.yml');
  writeFileSync(pb, PLAYBOOK);

  it('same recap and exit code', async () => {
    const [a, k] = await Promise.all([ansiblePlaybook(['-i', lab.inventory, pb], { ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }), kplay('run', pb, '-i', lab.inventory, '--no-live')]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(k.code, k.stdout + k.stderr).toBe(0);
    expect(parseRecap(k.stdout)).toEqual(parseRecap(a.stdout));
    expect(k.stdout).toContain('"msg": "EL ');
  });

  it.each([['service_facts', ''], ['package_facts', 'manager=rpm']])('%s %s: the same facts as Ansible', async (module, args) => {
    const adhoc = ['h1', '-i', lab.inventory, '-m', module, ...(args ? ['-a', args] : [])];
    const [a, k] = await Promise.all([runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }), kplay('adhoc', ...adhoc)]);
    // Ansible's own note of the python it found is no fact of the host
    const factsOf = (text: string): unknown => {
      const { discovered_interpreter_python: _py, ...facts } = (JSON.parse(text.slice(text.indexOf('{'))) as { ansible_facts: Record<string, unknown> }).ansible_facts;
      return facts;
    };
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(k.code, k.stdout + k.stderr).toBe(0);
    expect(factsOf(k.stdout)).toEqual(factsOf(a.stdout));
  });
});
