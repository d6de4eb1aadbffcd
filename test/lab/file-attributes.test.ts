// The `attributes` file common argument (chattr) of copy, file, lineinfile, ini_file, template and unarchive against ansible-playbook on Debian lab hosts, ansible-playbook on h1
// and kplay on h2, first run and rerun: the recap, exit code and the files' flags as lsattr shows them. Flags that
// need no capability (A: noatime, d: nodump) are set, added, removed; i (immutable) is set and removed (root may in
// these lab hosts, on overlayfs over ext4); '=A' (Ansible hands chattr '==A') and procfs fail on both.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: copy sets exactly A
      copy: { content: "x\\n", dest: /srv/fa-1, attributes: A }
    - name: file adds d
      file: { path: /srv/fa-1, attributes: +d }
    - name: file removes d - always runs chattr
      file: { path: /srv/fa-1, attr: -d }
    - name: lineinfile makes a file, with A added
      lineinfile: { path: /srv/fa-2, line: "a", create: true, attributes: +A }
    - name: ini_file, the same letters lsattr shows
      ini_file: { path: /srv/fa-2.ini, section: s, option: o, value: v, attributes: d }
    - name: a directory
      file: { path: /srv/fa-dir, state: directory, attributes: +d }
    - name: template into it
      template: { src: t.j2, dest: /srv/fa-dir/t, attributes: A }
    - name: an archive on the host
      command: tar -cf /root/fa.tar -C /etc hostname issue
      args: { creates: /root/fa.tar }
    - file: { path: /srv/fa-un, state: directory }
    - name: unarchive sets A on each member
      unarchive: { src: /root/fa.tar, dest: /srv/fa-un, remote_src: true, attributes: A }
    - name: immutable, where the host allows it
      file: { path: /srv/fa-i, state: touch, attributes: +i, modification_time: preserve, access_time: preserve }
      ignore_errors: true
      register: r1
    - name: immutable removed again
      file: { path: /srv/fa-i, state: touch, attributes: -i, modification_time: preserve, access_time: preserve }
      ignore_errors: true
    - name: a value of another form
      file: { path: /srv/fa-1, attributes: "=A" }
      ignore_errors: true
      register: r2
    - name: a filesystem without flags (procfs)
      file: { path: /proc/sys/kernel/hostname, attributes: +A }
      ignore_errors: true
      register: r3
    - name: check mode on a new file
      copy: { content: "y\\n", dest: /srv/fa-new, attributes: A }
      check_mode: true
      register: r4
    - copy:
        dest: /root/fa-results
        content: |
          {% for r in [r1, r2, r3, r4] %}
          {{ r.failed }} {{ r.changed }} {{ (r.msg | default('')) is match('chattr failed') }}
          {% endfor %}
`;

const STATE = 'cd /srv && lsattr -d fa-1 fa-2 fa-2.ini fa-dir fa-dir/t fa-i fa-un/hostname fa-un/issue 2>&1; test -e fa-new && echo new; cat /root/fa-results';

describe('file attributes (chattr) against ansible on Debian lab hosts', () => {
  const lab = useLab({ name: 'fattr', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'fattr-pb-'));
  writeFileSync(join(dir, 't.j2'), '{{ inventory_hostname }}\n');

  it('copy, file, lineinfile, ini_file, template with attributes: the same recap, exit code and lsattr flags as ansible-playbook', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'attributes.yml'), PLAYBOOK, STATE);
    expect(kplay).toBe(ansible);
    // the lab's overlayfs on ext4 has flags (every file shows e); +i is allowed to root here
    expect(kplay).toMatch(/^-------A------e------- fa-1\n-------A------e------- fa-2\n------d-------e------- fa-2.ini\n/);
    expect(kplay).toContain('-------A------e------- fa-dir/t\n--------------e------- fa-i\n-------A------e------- fa-un/hostname\n-------A------e------- fa-un/issue\n');
    // +i set; '=A' and procfs fail with Ansible's 'chattr failed'; check mode predicts a change
    expect(kplay).toContain('False True False\nTrue False True\nTrue False True\nFalse True False\n');
    expect(kplay).not.toContain('new');
  });
});
