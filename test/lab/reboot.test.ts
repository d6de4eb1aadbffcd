// reboot against ansible-playbook on full lab hosts (ansible-playbook on h1, kplay on h2), first run and rerun: the
// recap, exit code and registered results; each host really restarted (a new boot id, /run emptied). A lab host is
// systemd-nspawn, booted again when its systemd reboots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { withLab } from './support/lab.js';

const REBOOT = `- hosts: all
  gather_facts: false
  tasks:
    - command: cat /proc/sys/kernel/random/boot_id
      register: before
    - copy: { content: "gone after a reboot\\n", dest: /run/kplay-marker }
    - name: check mode - predicted, nothing done
      reboot:
      check_mode: true
      register: r1
    - stat: { path: /run/kplay-marker }
      register: kept
    - name: a reboot, with a message and a post-reboot delay
      reboot: { msg: "kernel 'update' $(id)", post_reboot_delay: 1 }
      register: r2
    - command: cat /proc/sys/kernel/random/boot_id
      register: after
    - stat: { path: /run/kplay-marker }
      register: gone
    - name: a shutdown command that is not there
      reboot: { search_paths: [/nowhere] }
      ignore_errors: true
      register: r3
    - name: a reboot command that fails
      reboot: { reboot_command: "/bin/false -r now" }
      ignore_errors: true
      register: r4
    - name: a test command that never succeeds
      reboot: { test_command: "test -e /nonexistent", reboot_timeout: 3 }
      ignore_errors: true
      register: r5
    - copy:
        dest: /root/reboot-results
        content: |
          {% for r in [r1, r2, r3, r4, r5] %}
          {{ r.changed | default(false) }} {{ r.failed | default(false) }} {{ r.rebooted | default('-') }} {{ r.elapsed is defined }} {{ (r.msg | default('') if r.failed | default(false) else '') | regex_replace("Error was: .*", "Error was: (ssh's words)") }}
          {% endfor %}
          kept {{ kept.stat.exists }} gone {{ not gone.stat.exists }} new-boot {{ before.stdout != after.stdout }}
`;

describe('reboot against ansible-playbook on full lab hosts', () => {
  const lab = withLab({ name: 'rebootmod', count: 2 });
  let inventory = '';
  let dir = '';
  beforeAll(async () => {
    inventory = (await lab.setup()).inventory;
    dir = mkdtempSync(join(tmpdir(), 'reboot-pb-'));
  }, 900_000);
  afterAll(async () => {
    await lab.teardown();
  }, 300_000);

  it('check mode, a real reboot, a missing shutdown, a failing reboot command, a timed-out test: the same recap, exit code and results', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), inventory, join(dir, 'reboot.yml'), REBOOT, 'cat /root/reboot-results');
    // (Ansible's result of the missing shutdown has no `changed`, kplay's results always have one: default(false))
    expect(kplay).toBe(ansible);
    expect(kplay.split('\n')).toEqual([
      'True False True True ',
      'True False True True ',
      "False True - False Unable to find command \"shutdown\" in search paths: ['/nowhere']",
      "False True False True Reboot command failed. Error was: (ssh's words)",
      'False True True True Timed out waiting for post-reboot test command (timeout=3)',
      'kept True gone True new-boot True',
      '',
    ]);
  });
});
