// firewalld (ansible.posix.firewalld) against ansible-playbook on EL lab hosts (ansible-playbook on h1, kplay on h2),
// first run and rerun: the recap, exit code, registered results of both runs (the dnf install's changed, failed, msg
// and results, "Installed: ..." for every package of the transaction, sorted: Ansible's come from a Python set; the
// firewalld tasks' changed, failed, msg) and both firewall configurations, permanent and running. firewalld is the EL
// lab repository's RPM (with python3-firewall, python3-nftables, python3-gobject-base), started from its unit; it
// manages the host's own network namespace, as on Debian hosts (test/lab/firewalld.test.ts, which covers the
// module's options at length).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const FIREWALLD = `- hosts: all
  gather_facts: false
  tasks:
    - dnf: { name: firewalld, state: present }
      register: r0
    - service: { name: firewalld, state: started }
    - name: wait until firewalld answers
      command: firewall-cmd --state
      register: st
      until: st.rc == 0
      retries: 20
      delay: 1
      changed_when: false
    - name: a service, permanent and immediate
      firewalld: { service: http, permanent: true, immediate: true, state: enabled }
      register: r1
    - name: a port, immediate only (the default)
      firewalld: { port: 8080/tcp, state: enabled }
      register: r2
    - name: the port disabled again
      firewalld: { port: 8080/tcp, state: disabled }
      register: r3
    - name: an unknown service
      firewalld: { service: nosuchservice, permanent: true, state: enabled }
      ignore_errors: true
      register: r4
    - copy:
        dest: "/root/fw-results-{{ 'first' if r0.changed else 'rerun' }}"
        content: |
          {{ r0.changed }} {{ r0.failed | default(false) }} {{ r0.msg | default('') }}|{{ r0.results | sort | join(' ') }}
          {% for r in [r1, r2, r3, r4] %}
          {{ r.changed | default(false) }} {{ r.failed | default(false) }} {{ r.msg | default('') }}
          {% endfor %}
`;

const STATE = [
  'cat /root/fw-results-first /root/fw-results-rerun',
  'rpm -q firewalld python3-firewall python3-nftables python3-gobject-base',
  'systemctl is-active firewalld',
  'stat -c "%a %n" /etc/firewalld /etc/sysconfig/firewalld',
  'firewall-cmd --permanent --zone=public --list-all',
  'firewall-cmd --zone=public --list-all',
].join('; ');

describe('firewalld against ansible-playbook on EL lab hosts', () => {
  const lab = useLab({ name: 'fwel', count: 2, os: 'el8' });
  const dir = mkdtempSync(join(tmpdir(), 'firewalld-el-pb-'));

  it('installed with dnf and started: a service, a port enabled and disabled, and a failure give the same recap, results and firewall', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'firewalld.yml'), FIREWALLD, STATE);
    expect(kplay).toBe(ansible);
    // the first run installs the four packages; the rerun finds them, and enables the port the first run disabled
    expect(kplay).toMatch(/^True False \|Installed: firewalld-1\.3\.3-1\.kplay\.el8\.noarch Installed: python3-firewall-1\.3\.3-1\.kplay\.el8\.noarch Installed: python3-gobject-base-3\.42\.2-1\.kplay\.el8\.noarch Installed: python3-nftables-1\.0\.6-1\.kplay\.el8\.noarch\n/);
    expect(kplay).toMatch(/^True False Permanent and Non-Permanent\(immediate\) operation, Changed service http to enabled$/m);
    expect(kplay).toContain('\nFalse False Nothing to do|\nFalse False Permanent and Non-Permanent(immediate) operation\nTrue False Non-permanent operation, Changed port 8080/tcp to enabled\n');
    expect(kplay).toContain("False True ERROR: Exception caught: org.fedoraproject.FirewallD1.Exception: INVALID_SERVICE: Zone 'public': 'nosuchservice' not among existing services");
    expect(kplay).toMatch(/^firewalld-1\.3\.3-1\.kplay\.el8\.noarch\npython3-firewall-1\.3\.3-/m);
    expect(kplay).toContain('\nactive\n750 /etc/firewalld\n644 /etc/sysconfig/firewalld\n');
    expect(kplay).toMatch(/services: dhcpv6-client http ssh\n/);
  });
});
