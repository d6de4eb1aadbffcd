// pamd against ansible-playbook on Debian lab hosts: ansible-playbook on h1 and kplay on h2 run one playbook of
// pamd tasks (every state, a complex control, check mode, a backup, a failure) on real /etc/pam.d files, first run
// and rerun; the recaps, exit codes, the files' modes and texts (the "# Updated by Ansible" line's time set aside), the
// backups and the registered results of both runs must be equal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: a service file of our own, written once
      copy:
        dest: /etc/pam.d/kplay-auth
        force: false
        mode: "0640"
        content: |
          # here are the per-package modules (the "Primary" block)
          auth\t[success=1 default=ignore]\tpam_unix.so nullok
          # here's the fallback if no module succeeds
          auth\trequisite\t\t\tpam_deny.so
          auth\trequired\t\t\tpam_permit.so
          auth\toptional\t\t\tpam_cap.so
          # end of pam-auth-update config
    - name: pam_wheel after pam_rootok in su (the comments between drop out)
      community.general.pamd: { name: su, type: auth, control: sufficient, module_path: pam_rootok.so, new_type: auth, new_control: required, new_module_path: pam_wheel.so, module_arguments: use_uid, state: after }
      register: r1
    - name: an argument added and one with a value
      pamd: { name: su, type: auth, control: required, module_path: pam_wheel.so, module_arguments: [group=sudo], state: args_present }
      register: r2
    - name: an argument removed from the rules that have it
      pamd: { name: su, type: session, control: required, module_path: pam_env.so, module_arguments: envfile=/etc/default/locale, state: args_absent }
      register: r3
    - name: a complex control changed
      pamd: { name: kplay-auth, type: auth, control: "[success=1 default=ignore]", module_path: pam_unix.so, new_control: "[success=2 default=ignore]", backup: true }
      register: r4
    - name: a rule before it
      pamd: { name: kplay-auth, type: auth, control: "[success=2 default=ignore]", module_path: pam_unix.so, new_type: auth, new_control: optional, new_module_path: pam_faildelay.so, module_arguments: [delay=2000000], state: before }
      register: r5
    - name: a rule removed
      pamd: { name: kplay-auth, type: auth, control: optional, module_path: pam_cap.so, state: absent }
      register: r6
    - name: check mode predicts and writes nothing
      pamd: { name: kplay-auth, type: auth, control: requisite, module_path: pam_deny.so, new_control: required }
      check_mode: true
      register: r7
    - name: no rule matches
      pamd: { name: kplay-auth, type: auth, control: sufficient, module_path: pam_nothing.so, new_control: required }
      register: r8
    - name: a service file that is not there
      pamd: { name: kplay-nothing, type: auth, control: required, module_path: pam_a.so }
      ignore_errors: true
      register: r9
    - stat: { path: /root/pamd-results-first }
      register: first
    - copy:
        dest: "/root/pamd-results-{{ 'rerun' if first.stat.exists else 'first' }}"
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9] %}
          {{ r.changed }} {{ r.change_count | default('-') }} {{ r.backupdest | default('-') | regex_replace('[.][0-9]+[.][0-9@:-]+~$', '.BACKUP~') }} {{ r.msg | default('') }}
          {% endfor %}
`;

const STATE = "stat -c '%n %a %U' /etc/pam.d/su /etc/pam.d/kplay-auth; sed 's/^# Updated by Ansible - .*/# Updated by Ansible - TIME/' /etc/pam.d/su /etc/pam.d/kplay-auth; ls /etc/pam.d | grep -c '~$'; cat /root/pamd-results-first /root/pamd-results-rerun";

describe('pamd against ansible on Debian lab hosts', () => {
  const lab = useLab({ name: 'pamd', count: 2, os: 'debian12' });

  it('the same recap, exit code, service files, backups and results as ansible-playbook (community.general.pamd)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pamd-pb-'));
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'pamd.yml'), PLAYBOOK, STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toContain('/etc/pam.d/su 644 root\n/etc/pam.d/kplay-auth 640 root\n');
    expect(kplay).toContain('auth       sufficient pam_rootok.so\nauth       required pam_wheel.so use_uid group=sudo\n');
    expect(kplay).toContain('auth       optional pam_faildelay.so delay=2000000\nauth       [success=2 default=ignore] pam_unix.so nullok\n');
    // one backup, from the first run
    expect(kplay).toContain('# end of pam-auth-update config\n1\nTrue 1  \nTrue 1  \nTrue 1  \nTrue 1 /etc/pam.d/kplay-auth.BACKUP~ \nTrue 1  \nTrue 1  \nTrue 1  \nFalse 0  \n');
    // the rerun: all ok but check mode's prediction
    expect(kplay).toContain('False 0  \nFalse 0  \nFalse 0  \nFalse 0  \nFalse 0  \nFalse 0  \nTrue 1  \n');
    expect(kplay).toContain("True 1  \nFalse 0  \nFalse - - Unable to open/read PAM module file /etc/pam.d/kplay-nothing with error [Errno 2] No such file or directory: '/etc/pam.d/kplay-nothing'.\n");
  });
});
