// selinux against ansible-playbook on Debian lab hosts: Ansible's module needs the python3-selinux bindings (the
// playbook installs them; kplay does not need them). SELinux does not run in a lab container, so what is compared is
// the config file's text, the registered results and the recap: ansible-playbook on h1, kplay on h2, first run and rerun.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from './support/compare-runs.js';
import { labSsh, withLab } from './support/lab.js';

const SELINUX = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: python3-selinux }
    - file: { path: "/etc/selinux/{{ item }}/policy", state: directory }
      loop: [targeted, mls]
    - copy: { content: "# SELinux config\\nSELINUX=disabled\\n  SELINUXTYPE=ignored\\nSELINUXTYPE=targeted\\n", dest: /etc/selinux/config }
    - name: enforcing - written, a reboot required (SELinux does not run here)
      selinux: { policy: targeted, state: enforcing }
      register: r1
    - name: the same again - ok
      selinux: { policy: targeted, state: enforcing }
      register: r2
    - name: another policy, permissive
      selinux: { policy: mls, state: permissive }
      register: r3
    - name: disabled, the policy kept
      selinux: { state: disabled }
      register: r4
    - name: check mode predicts
      selinux: { policy: targeted, state: permissive }
      check_mode: true
      register: r5
    - name: a policy with no directory
      selinux: { policy: nosuch, state: permissive }
      ignore_errors: true
      register: r6
    - name: no policy for enforcing
      selinux: { state: enforcing }
      ignore_errors: true
    - name: a config file that is not there
      selinux: { state: disabled, configfile: /etc/selinux/nothing }
      ignore_errors: true
    - name: a config file with no lines - both appended
      copy: { content: "", dest: /root/se.conf }
    - selinux: { policy: targeted, state: permissive, conf: /root/se.conf }
      register: r7
    - copy:
        dest: /root/selinux-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7] %}
          {{ r.changed }} {{ r.msg | default('') }} {{ r.reboot_required | default('') }} {{ r.policy | default('') }} {{ r.state | default('') }}
          {% endfor %}
`;

const STATE = 'cat /etc/selinux/config /root/se.conf /root/selinux-results';

describe('selinux against ansible on Debian lab hosts', () => {
  const lab = withLab({ name: 'selinux', count: 2, os: 'debian12' });
  let inventory = '';
  let dir = '';
  beforeAll(async () => {
    inventory = (await lab.setup()).inventory;
    dir = mkdtempSync(join(tmpdir(), 'selinux-pb-'));
  }, 900_000);
  afterAll(async () => {
    await lab.teardown();
  }, 300_000);

  it('the same recap, exit code, config files and results as ansible-playbook, first run and rerun', async () => {
    const pb = join(dir, 'selinux.yml');
    writeFileSync(pb, SELINUX);
    await compareRuns(inventory, pb);
    const sa = await labSsh(lab.info(), 'h1', STATE);
    const sk = await labSsh(lab.info(), 'h2', STATE);
    expect(sk.stdout).toBe(sa.stdout);
    expect(sk.stdout).toContain('SELINUX=disabled\n  SELINUXTYPE=ignored\nSELINUXTYPE=mls\n');
    expect(sk.stdout).toContain("True Config SELinux state changed from 'disabled' to 'enforcing' True targeted enforcing");
  });
});
