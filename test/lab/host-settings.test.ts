// Host settings against ansible-playbook on Debian lab hosts, ansible-playbook on h1 and kplay on h2, first run and
// rerun: the recap, exit code and host state.
// - selinux: Ansible's module needs the python3-selinux bindings (the playbook installs them; kplay does not need
//   them). SELinux does not run in a lab container: the config file's text and the registered results are compared.
// - file's modification_time / access_time / follow: the files' times.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook, compareRuns } from './support/compare-runs.js';
import { labSsh, useLab } from './support/lab.js';

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

const FILE_TIMES = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "x\\n", dest: "/srv/ft-{{ item }}" }
      loop: [a, b, c]
    - file: { src: /srv/ft-c, dest: /srv/ft-link, state: link }
    - name: a fixed modification time (the host's local time), access time kept
      file: { path: /srv/ft-a, modification_time: "202401021530.45" }
    - name: both times in another format
      file: { path: /srv/ft-b, modification_time: "2023-05-06 07:08:09", modification_time_format: "%Y-%m-%d %H:%M:%S", access_time: "2023-05-06 07:08:09", access_time_format: "%Y-%m-%d %H:%M:%S" }
    - name: the idempotent touch - an existing file with both times preserved
      file: { path: /srv/ft-b, state: touch, modification_time: preserve, access_time: preserve, mode: "0600" }
    - name: a new file touched with times preserved
      file: { path: /srv/ft-new, state: touch, modification_time: preserve, access_time: preserve }
    - name: through the link (follow, the default) - the target's time
      file: { path: /srv/ft-link, state: file, modification_time: "202201010000.00" }
    - name: follow=false - the link itself cannot be a file
      file: { path: /srv/ft-link, state: file, follow: false, mode: "0600" }
      ignore_errors: true
    - name: a directory's time
      file: { path: /srv/ft-dir, state: directory, modification_time: "202001010000.00" }
    - name: a bad time
      file: { path: /srv/ft-a, modification_time: "yesterday" }
      ignore_errors: true
    - name: an SELinux type where SELinux does not run - ignored
      file: { path: /srv/ft-dir, state: directory, setype: var_t, seuser: system_u }
`;

const USER_AGING = `- hosts: all
  gather_facts: false
  tasks:
    - name: a new user with password aging
      user: { name: kp-aging, password_expire_min: 3, password_expire_max: 60 }
    - name: the same again - ok
      user: { name: kp-aging, password_expire_min: 3, password_expire_max: 60 }
    - name: one changed
      user: { name: kp-aging, password_expire_max: 45 }
    - name: an existing user, only min
      user: { name: root, password_expire_min: 0 }
    - name: an expiry day and a locked password
      user: { name: kp-aging, expires: 1767261600.5, password: "$6$kplay$Zqz4ZxKzq1lq0w0n5nKkY0r0qG5iR2t8x0kQm7zq8dE1xS3Y5b7c9d1e3f5g7h9j1k3l5m7n9p1r3t5v7x9z1", password_lock: true }
    - name: the same again - ok
      user: { name: kp-aging, expires: 1767261600, password_lock: true }
    - name: unlocked, the expiry removed
      user: { name: kp-aging, expires: -1, password_lock: false }
    - name: a second user created locked-out from a day
      user: { name: kp-expired, expires: 0 }
`;

const AGING_STATE = 'getent shadow kp-aging kp-expired root | cut -d: -f1,2,4-6,8 | sed "s/:\\([!]*\\)[^:]*:/:\\1:/"';

const INI = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "# app\\n[main]\\nport = 80\\n\\n[old]\\nx = 1\\n", dest: /srv/app.ini, force: false }
    - name: an option changed
      ini_file: { path: /srv/app.ini, section: main, option: port, value: "8080" }
    - name: a new option, no spaces, the mode set
      community.general.ini_file: { path: /srv/app.ini, section: main, option: workers, value: "4", no_extra_spaces: true, mode: "0640" }
    - name: several values
      ini_file: { path: /srv/app.ini, section: main, option: allow, values: [a, b] }
    - name: a bare option
      ini_file: { path: /srv/app.ini, section: mysqld, option: skip-name-resolve, allow_no_value: true }
    - name: a section removed
      ini_file: { path: /srv/app.ini, section: old, state: absent }
    - name: a new file in a new directory
      ini_file: { path: /srv/ini.d/new.ini, section: s, option: k, value: v, owner: nobody }
    - name: no value
      ini_file: { path: /srv/app.ini, section: main, option: nothing }
      ignore_errors: true
    - name: check mode predicts
      ini_file: { path: /srv/app.ini, section: main, option: port, value: "9" }
      check_mode: true
`;

const LIMITS = `- hosts: all
  gather_facts: false
  tasks:
    - name: a limit appended to limits.conf
      pam_limits: { domain: app, limit_type: "-", limit_item: nofile, value: "65536", comment: many files }
    - name: raised only (use_max)
      community.general.pam_limits: { domain: app, limit_type: "-", limit_item: nofile, value: "1024", use_max: true }
    - name: in its own file under limits.d
      pam_limits: { domain: "@dev", limit_type: hard, limit_item: nproc, value: "4096", dest: /etc/security/limits.d/90-dev.conf }
    - name: an invalid value
      pam_limits: { domain: app, limit_type: soft, limit_item: nice, value: "40" }
      ignore_errors: true
`;

const LIMITS_STATE = 'tail -n 3 /etc/security/limits.conf; cat /etc/security/limits.d/90-dev.conf';

const INI_STATE = "stat -c '%n %a %U' /srv/app.ini /srv/ini.d/new.ini; cat /srv/app.ini /srv/ini.d/new.ini";

const TIMEZONE = `- hosts: all
  gather_facts: false
  tasks:
    - name: a zone and the RTC in local time
      timezone: { name: Europe/Paris, hwclock: local }
      register: tz
    - copy: { content: "{{ tz.msg | default('') | regex_replace('/[a-z/]*timedatectl', 'timedatectl') }}\\n", dest: /root/tz-msg }
    - name: the same again - ok
      community.general.timezone: { name: Europe/Paris }
    - name: a zone that does not exist
      timezone: { name: Mars/Olympus }
      ignore_errors: true
    - name: check mode predicts
      timezone: { name: Asia/Tokyo }
      check_mode: true
    - name: the RTC back to UTC
      timezone: { hwclock: UTC }
`;

/** The zone the other tests' times assume, put back after the timezone test. */
const UTC_AGAIN = `- hosts: all
  gather_facts: false
  tasks:
    - timezone: { name: Etc/UTC }
`;

const TZ_STATE = "timedatectl status | grep -E 'Time zone|RTC in local'; readlink /etc/localtime; cat /root/tz-msg";

const COPY_REMOTE = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "from the host\\n", dest: /srv/cr-src, mode: "0640" }
    - name: a new file from one on the host
      copy: { src: /srv/cr-src, dest: /srv/cr-new, remote_src: true }
    - name: into a directory, the mode given
      copy: { src: /srv/cr-src, dest: /srv/, remote_src: true, mode: "0600" }
      ignore_errors: true
    - copy: { content: "old\\n", dest: /srv/cr-old, mode: "0644", force: false }
    - name: over an existing file (its mode kept)
      copy: { src: /srv/cr-src, dest: /srv/cr-old, remote_src: true }
    - name: a source that is not there
      copy: { src: /srv/nope, dest: /srv/cr-x, remote_src: true }
      ignore_errors: true
`;

const COPY_STATE = "stat -c '%n %a %s' /srv/cr-new /srv/cr-old /srv/cr-src; cat /srv/cr-new /srv/cr-old";

const HOSTNAME = `- hosts: all
  gather_facts: false
  tasks:
    - name: a new name, then the facts that follow it
      hostname: { name: "{{ inventory_hostname }}x.lab.example" }
    - copy: { content: "{{ ansible_hostname }} {{ ansible_nodename }}\\n", dest: /root/name-facts }
    - name: the same again - ok
      hostname: { name: "{{ inventory_hostname }}x.lab.example", use: systemd }
    - name: only the running name differs
      command: hostnamectl --transient set-hostname other
      changed_when: false
    - hostname: { name: "{{ inventory_hostname }}x.lab.example" }
`;

const NAME_STATE = 'hostname; hostnamectl --static status; cat /root/name-facts';

const TIMES_STATE = "stat -c '%n %Y %X %a' /srv/ft-a /srv/ft-b /srv/ft-c /srv/ft-dir; test -e /srv/ft-new && echo new";

describe('host settings against ansible on Debian lab hosts', () => {
  const lab = useLab({ name: 'hostset', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'selinux-pb-'));

  it('selinux: the same recap, exit code, config files and results as ansible-playbook, first run and rerun', async () => {
    const { ansible: sa, kplay: sk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'selinux.yml'), SELINUX, STATE);
    expect(sk).toBe(sa);
    expect(sk).toContain('SELINUX=disabled\n  SELINUXTYPE=ignored\nSELINUXTYPE=mls\n');
    expect(sk).toContain("True Config SELinux state changed from 'disabled' to 'enforcing' True targeted enforcing");
  });

  it('user password_expire_min / _max, expires, password_lock: the same recap, exit code and /etc/shadow fields as ansible-playbook', async () => {
    const { ansible: sa, kplay: sk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'user-aging.yml'), USER_AGING, AGING_STATE);
    expect(sk).toBe(sa);
    expect(sk).toMatch(/^kp-aging::3:45:7:$/m);
    expect(sk).toMatch(/^kp-expired:!:0:\d+:7:0$/m);
  });

  it('ini_file: the same recap, exit code, files and modes as ansible-playbook (community.general.ini_file)', async () => {
    const { ansible: sa, kplay: sk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'ini.yml'), INI, INI_STATE);
    expect(sk).toBe(sa);
    expect(sk).toContain('[main]\nport = 8080\n');
    expect(sk).toContain('/srv/ini.d/new.ini 644 nobody');
  });

  it('timezone: the same recap, exit code, zone and RTC mode as ansible-playbook (community.general.timezone)', async () => {
    const { ansible: sa, kplay: sk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'timezone.yml'), TIMEZONE, TZ_STATE);
    expect(sk).toBe(sa);
    expect(sk).toMatch(/Time zone: Europe\/Paris/);
    const back = join(dir, 'utc.yml');
    writeFileSync(back, UTC_AGAIN);
    await compareRuns(lab.inventory, back);
    expect((await labSsh(lab.info(), 'h2', 'readlink /etc/localtime')).stdout).toMatch(/Etc\/UTC$/m);
  });

  it('copy remote_src: the same recap, exit code, files and modes as ansible-playbook', async () => {
    const { ansible: sa, kplay: sk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'copy-remote.yml'), COPY_REMOTE, COPY_STATE);
    expect(sk).toBe(sa);
    expect(sk).toContain('/srv/cr-new 644 14\n/srv/cr-old 644 14');
  });

  it('hostname: the same recap, exit code and names as ansible-playbook', async () => {
    const { ansible: na, kplay: nk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'hostname.yml'), HOSTNAME, NAME_STATE);
    expect(nk).toBe(na.replaceAll('h1x', 'h2x'));
    expect(nk).toBe('h2x.lab.example\nh2x.lab.example\nh2x h2x.lab.example\n');
  });

  it('pam_limits: the same recap, exit code and limits files as ansible-playbook (community.general.pam_limits)', async () => {
    const { ansible: la, kplay: lk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'limits.yml'), LIMITS, LIMITS_STATE);
    expect(lk).toBe(la);
    expect(lk).toContain('app\t-\tnofile\t65536\t#many files\n');
  });

  it('file modification_time / access_time / follow: the same recap, exit code and file times as ansible-playbook', async () => {
    // the access time a read moves is compared where it was set
    const { ansible: ta, kplay: tk } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'file-times.yml'), FILE_TIMES, TIMES_STATE);
    const fields = (out: string): string[] => out.split('\n').map((l) => (l.startsWith('/srv/ft-b') || l === 'new' ? l : l.split(' ').filter((_, i) => i !== 2).join(' ')));
    expect(fields(tk)).toEqual(fields(ta));
    expect(tk).toContain('/srv/ft-a 1704209445 ');
    expect(tk).toContain('/srv/ft-c 1640995200 ');
    expect(tk).toContain('/srv/ft-b 1683356889 1683356889 600');
  });
});
