// The module parameters public roles use (#14) against ansible-playbook on EL lab hosts: ansible-playbook on h1 and
// kplay on h2, first run and rerun, the same recap and exit code, then the same host state.
// - file: modification_time / access_time (preserve, now, a time in a format) for file, directory, touch, link and
//   hard states, follow (through a link; false: the link itself);
// - user: password_expire_min / password_expire_max (ansible-core 2.14 has no password_expire_warn to compare),
//   skeleton (with create_home only), the missing home of an existing user made (Ansible's create_homedir);
// - service: sleep, which Ansible's service action drops on a systemd host.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from './support/compare-runs.js';
import { labSsh, useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: the files, made without reading them again later (a read would move an access time)
      file: { path: "/srv/fp-{{ item }}", state: touch, modification_time: preserve, access_time: preserve }
      loop: [a, b, c, t, h]
    - name: the os_hardening idiom - an existing file touched with both times preserved, the mode set
      file: { path: /srv/fp-a, state: touch, modification_time: preserve, access_time: preserve, mode: "0600" }
    - name: a new file touched with both times preserved
      file: { path: /srv/fp-new, state: touch, modification_time: preserve, access_time: preserve }
    - name: a modification time in the default format (the host's local time), the access time kept
      file: { path: /srv/fp-b, modification_time: "202401021530.45" }
    - name: both times in another format
      file: { path: /srv/fp-c, modification_time: "2023-05-06 07:08:09", modification_time_format: "%Y-%m-%d %H:%M:%S", access_time: "2023-05-06 07:08:09", access_time_format: "%Y-%m-%d %H:%M:%S" }
    - name: a directory made with its time
      file: { path: /srv/fp-dir, state: directory, modification_time: "202001010000.00" }
    - name: a symlink made, the times set through it on its target
      file: { src: /srv/fp-t, dest: /srv/fp-link, state: link, modification_time: "202201010000.00", access_time: "202201010000.00" }
    - name: a hard link with its access time
      file: { src: /srv/fp-h, dest: /srv/fp-hard, state: hard, access_time: "202101010000.00" }
    - name: through the link (follow, the default) - the target's mode
      file: { path: /srv/fp-link, state: file, mode: "0640" }
    - name: follow=false - the link itself cannot be a file
      file: { path: /srv/fp-link, state: file, follow: false, mode: "0600" }
      ignore_errors: true
    - name: state=file on a path that is absent fails, its result naming the path and state absent
      file: { path: /srv/fp-none, state: file }
      register: fp_none
      ignore_errors: true
    - assert: { that: ["fp_none.path == '/srv/fp-none'", "fp_none.state == 'absent'", "fp_none is failed"] }
    - name: a time that does not match its format
      file: { path: /srv/fp-a, modification_time: "yesterday" }
      ignore_errors: true
    - name: a new user with password aging
      user: { name: fp-aging, password_expire_min: 3, password_expire_max: 60 }
    - name: one of them changed
      user: { name: fp-aging, password_expire_max: 45 }
    - name: an existing user, only min
      user: { name: root, password_expire_min: 0 }
    - name: a skeleton directory
      file: { path: /srv/fp-skel, state: directory }
    - copy: { dest: /srv/fp-skel/.fp-profile, content: "export FP=1\\n", mode: "0640" }
    - name: a new user whose home is made from the skeleton (useradd -k)
      user: { name: fp-skel, skeleton: /srv/fp-skel }
    - name: the skeleton is not used without create_home
      user: { name: fp-noskel, skeleton: /srv/fp-skel, create_home: false }
    - name: the same user with create_home (the default) - its missing home is made from the skeleton
      user: { name: fp-noskel, skeleton: /srv/fp-skel }
    - name: a new home for it, not moved - made from /etc/skel there
      user: { name: fp-noskel, home: /srv/fp-home2 }
    - copy:
        dest: /etc/systemd/system/fp-sleep.service
        content: "[Service]\\nExecStart=/bin/sleep infinity\\n"
    - name: restarted with sleep (dropped on systemd, as Ansible's service action does)
      service: { name: fp-sleep, state: restarted, sleep: 1 }
`;

const STATE = [
  // only the times a task sets: the others are the moment each host ran
  "stat -c '%n %Y %a' /srv/fp-b",
  "stat -c '%n %Y %X' /srv/fp-c /srv/fp-t",
  "stat -c '%n %Y' /srv/fp-dir",
  "stat -c '%n %X %h' /srv/fp-h",
  "stat -c '%n %a' /srv/fp-a /srv/fp-t",
  'test -e /srv/fp-new && echo new',
  'getent shadow fp-aging root | cut -d: -f1,4-6',
  'chage -l fp-aging | grep -i -E "minimum|maximum"',
  "ls -A /home/fp-skel; stat -c '%n %U %a' /home/fp-skel/.fp-profile; cat /home/fp-skel/.fp-profile",
  "stat -c '%n %U %G %a' /home/fp-noskel /home/fp-noskel/.fp-profile /srv/fp-home2; ls -A /srv/fp-home2",
  'systemctl is-active fp-sleep',
].join('; ');

describe('module parameters of public roles against ansible on EL lab hosts', () => {
  const lab = useLab({ name: 'fparams', count: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'fparams-pb-'));

  it('file times and follow, user password aging and skeleton, service sleep: the same recap, exit code and host state as ansible-playbook', async () => {
    const pb = join(dir, 'params.yml');
    writeFileSync(pb, PLAYBOOK);
    await compareRuns(lab.inventory, pb);
    const sa = await labSsh(lab.info(), 'h1', STATE);
    const sk = await labSsh(lab.info(), 'h2', STATE);
    expect(sk.stdout).toBe(sa.stdout);
    expect(sk.stdout).toMatch(/^\/srv\/fp-t 1640995200 1640995200$/m);
    expect(sk.stdout).toMatch(/^\/srv\/fp-t 640$/m);
    expect(sk.stdout).toMatch(/^\/srv\/fp-h 1609459200 2$/m);
    expect(sk.stdout).toMatch(/^\/srv\/fp-a 600$/m);
    expect(sk.stdout).toMatch(/^fp-aging:3:45:7$/m);
    expect(sk.stdout).toMatch(/^new$/m);
    expect(sk.stdout).toMatch(/^\/home\/fp-skel\/\.fp-profile fp-skel 640\nexport FP=1$/m);
    expect(sk.stdout).toMatch(/^\/home\/fp-noskel fp-noskel fp-noskel 755\n\/home\/fp-noskel\/\.fp-profile fp-noskel fp-noskel 640$/m);
    expect(sk.stdout).toMatch(/^\/srv\/fp-home2 fp-noskel fp-noskel 755\n\.bash_logout\n/m);
    expect(sk.stdout).toMatch(/^active$/m);
  }, 180_000);
});
