// The systemd module against ansible-playbook on Debian lab hosts, ansible-playbook on h1 and kplay on h2, first run
// and rerun: the recap, exit code, the units' state and what the tasks registered. daemon_reload and daemon_reexec
// alone are no change; no_block; a unit masked, and one that systemctl refuses to mask; the user scope where root has no user manager (both fail).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const UNIT = '[Unit]\\nDescription=kplay test\\n[Service]\\nExecStart=/bin/sleep infinity\\n[Install]\\nWantedBy=multi-user.target\\n';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "${UNIT}", dest: "{{ item }}.service" }
      loop: [/etc/systemd/system/kp-sleep, /etc/systemd/system/kp-etc, /usr/lib/systemd/system/kp-lib]
    - name: daemon_reload alone - run, no change
      systemd: { daemon_reload: true }
      register: r1
    - name: daemon-reexec alone - run, no change
      ansible.builtin.systemd_service: { daemon-reexec: true }
      register: r2
    - name: started and enabled, after a reload
      systemd: { name: kp-sleep, state: started, enabled: true, daemon_reload: true }
      register: r3
    - name: restarted without waiting
      systemd: { name: kp-sleep.service, state: restarted, no_block: true }
      register: r4
    - name: a unit masked
      systemd: { name: kp-lib, masked: true }
      register: r5
    - name: a masked unit cannot start
      systemd: { name: kp-lib, state: started }
      ignore_errors: true
    - name: a unit whose file is in /etc cannot be masked - Ansible ignores systemctl's refusal, changed
      systemd: { name: kp-etc, masked: true }
    - name: so it starts
      systemd: { name: kp-etc, state: started }
    - name: the user scope, where root has no user manager
      systemd: { name: kp-sleep, state: started, scope: user }
      ignore_errors: true
    - name: a unit that is not there
      systemd: { name: kp-nothing, state: started }
      ignore_errors: true
    - name: check mode predicts a stop
      systemd: { name: kp-sleep, state: stopped }
      check_mode: true
      register: r6
    - copy:
        dest: /root/sysd-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6] %}
          {{ r.changed }} {{ r.name }} {{ r.state | default('-') }} {{ r.enabled | default('-') }} {{ r.status.LoadState | default('-') }}
          {% endfor %}
`;

const STATE = 'systemctl is-active kp-sleep kp-lib kp-etc; systemctl is-enabled kp-sleep kp-lib kp-etc; cat /root/sysd-results';

describe('systemd module against ansible on Debian lab hosts', () => {
  const lab = useLab({ name: 'sysd', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'sysd-pb-'));

  it('daemon_reload, daemon_reexec, no_block, masked, user scope: the same recap, exit code, units and results as ansible-playbook', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'systemd.yml'), PLAYBOOK, STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toMatch(/^active\ninactive\nactive\nenabled\nmasked\ndisabled\n/);
    expect(kplay).toContain('False  - - -\nFalse  - - -\n');
  });
});
