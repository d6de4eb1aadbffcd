// firewalld (ansible.posix.firewalld) against ansible-playbook on Debian lab hosts (ansible-playbook on h1, kplay
// on h2), first run and rerun: the recap, exit code, registered results (changed, failed, msg) and both firewall
// configurations, permanent and running. firewalld comes from the lab's Debian repository; it manages the host's
// own network namespace (lab hosts have CAP_NET_ADMIN there).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const FIREWALLD = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: firewalld }
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
    - name: the same again
      firewalld: { service: http, permanent: true, immediate: true, state: enabled }
      register: r2
    - name: a port, immediate only (the default)
      firewalld: { port: 8080/tcp, state: enabled }
      register: r3
    - name: a port range, permanent only, in another zone
      firewalld: { port: 6000-6010/udp, zone: internal, permanent: true, state: enabled }
      register: r4
    - name: a rich rule
      firewalld: { rich_rule: 'rule family="ipv4" source address="10.9.0.0/16" accept', permanent: true, immediate: true, state: enabled }
      register: r5
    - name: a source
      firewalld: { source: 192.0.2.0/24, zone: trusted, permanent: true, state: enabled }
      register: r6
    - name: masquerade
      firewalld: { masquerade: "yes", zone: public, permanent: true, immediate: true, state: enabled }
      register: r7
    - name: an icmp block
      firewalld: { icmp_block: echo-request, permanent: true, state: enabled }
      register: r8
    - name: a forward port
      firewalld: { port_forward: [{ port: 2222, proto: tcp, toport: 22 }], permanent: true, state: enabled }
      register: r9
    - name: an interface
      firewalld: { interface: dummy7, zone: internal, permanent: true, state: enabled }
      register: r10
    - name: a zone
      firewalld: { zone: kplayzone, permanent: true, state: present }
      register: r11
    - name: its target
      firewalld: { zone: kplayzone, target: DROP, permanent: true, state: enabled }
      register: r12
    - name: the service disabled again
      firewalld: { service: http, permanent: true, immediate: true, state: disabled }
      register: r13
    - name: check mode - predicted
      firewalld: { service: https, permanent: true, state: enabled }
      check_mode: true
      register: r14
    - name: an unknown service
      firewalld: { service: nosuchservice, permanent: true, state: enabled }
      ignore_errors: true
      register: r15
    - name: a port without protocol
      firewalld: { port: "8081", state: enabled }
      ignore_errors: true
      register: r16
    - name: present for a service
      firewalld: { service: http, state: present, permanent: true }
      ignore_errors: true
      register: r17
    - name: a zone operation not permanent
      firewalld: { zone: kplayzone2, state: present }
      ignore_errors: true
      register: r18
    - copy:
        dest: /root/fw-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16, r17, r18] %}
          {{ r.changed | default(false) }} {{ r.failed | default(false) }} {{ r.msg | default('') }}
          {% endfor %}
`;

const STATE = [
  'cat /root/fw-results',
  'for z in public internal trusted kplayzone; do firewall-cmd --permanent --zone=$z --list-all; done',
  'firewall-cmd --zone=public --list-all',
].join('; ');

describe('firewalld against ansible-playbook on Debian lab hosts', () => {
  const lab = useLab({ name: 'fwmod', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'firewalld-pb-'));

  it('services, ports, rules, sources, masquerade, icmp blocks, forward ports, interfaces, zones and targets; check mode and failures: the same recap, results and firewall', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'firewalld.yml'), FIREWALLD, STATE);
    expect(kplay).toBe(ansible);
    // the rerun: the service enabled again after the first run disabled it, everything else already so
    expect(kplay).toMatch(/^True False Permanent and Non-Permanent\(immediate\) operation, Changed service http to enabled\nFalse False Permanent and Non-Permanent\(immediate\) operation\n/);
    expect(kplay).toContain('\nTrue False \n');
    expect(kplay).toContain("False True ERROR: Exception caught: org.fedoraproject.FirewallD1.Exception: INVALID_SERVICE: Zone 'public': 'nosuchservice' not among existing services");
    expect(kplay).toMatch(/kplayzone\n {2}target: DROP\n/);
    expect(kplay).toContain('rule family="ipv4" source address="10.9.0.0/16" accept');
  });
});
