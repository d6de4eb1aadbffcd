// find and mount against ansible-playbook on EL lab hosts, h1 Ansible's and h2 kplay's:
// - find: the same tree on both, one playbook of find tasks whose registered results (paths, matched, examined,
//   skipped paths, a stat dict) are written to a file on each host;
// - mount: tmpfs mounts for real (lab hosts may mount), the fstab and /proc/self/mountinfo after each run.
// The recaps, exit codes and those states must be equal, first run and rerun.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from './support/compare-runs.js';
import { labSsh, useLab } from './support/lab.js';

const TREE = [
  'rm -rf /srv/ft && mkdir -p /srv/ft/sub/deeper /srv/ft/.hid',
  "printf 'extension = opcache.so\\n' > /srv/ft/a.ini",
  "printf '; zend\\nzend_extension=opcache.so\\n' > /srv/ft/sub/b.ini",
  "printf 'x\\n' > /srv/ft/.dot.ini && printf 'y\\n' > /srv/ft/.hid/c.ini && printf 'z\\n' > /srv/ft/sub/deeper/d.ini",
  "head -c 5000 /dev/zero > /srv/ft/big.bin && printf 'odd\\n' > '/srv/ft/odd name|x.ini'",
  'ln -s a.ini /srv/ft/link.ini && ln -s sub /srv/ft/sublink',
  'touch -d "2020-01-01" /srv/ft/sub/b.ini',
].join(' && ');

const FIND = `- hosts: all
  gather_facts: false
  tasks:
    - find: { paths: /srv/ft, patterns: "*.ini" }
      register: r1
    - find: { paths: /srv/ft, patterns: "*.ini", recurse: true, hidden: true }
      register: r2
    - find: { paths: /srv/ft, file_type: directory, recurse: true }
      register: r3
    - find: { paths: /srv/ft, file_type: link }
      register: r4
    - find: { paths: /srv/ft, file_type: any, recurse: true, depth: 1 }
      register: r5
    - find: { paths: [/srv/ft, /srv/nope], patterns: ['^[ab]\\\\.', '.*name'], use_regex: true, excludes: ['b.*'] }
      register: r6
    - find: { paths: /srv/ft, recurse: true, contains: 'zend_extension(\\\\s+)?=' }
      register: r7
    - find: { paths: /srv/ft, recurse: true, age: 1w, size: -1k }
      register: r8
    - find: { paths: /srv/ft, size: 4k, get_checksum: true }
      register: r9
    - copy:
        dest: /root/find-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9] %}
          {{ r.files | map(attribute='path') | sort }} {{ r.matched }} {{ r.examined }} {{ r.skipped_paths }} {{ r.changed }}
          {% endfor %}
          {{ r9.files[0] | dict2items | rejectattr('key', 'in', ['atime', 'mtime', 'ctime', 'inode', 'dev']) | list }}
`;

const MOUNT = `- hosts: all
  gather_facts: false
  tasks:
    - name: a tmpfs mounted and in fstab
      mount: { path: /srv/mnt/cache, src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted }
    - name: other options - rewritten and remounted
      ansible.posix.mount: { path: /srv/mnt/cache, src: tmpfs, fstype: tmpfs, opts: "size=2m,noexec", state: mounted }
    - name: only in fstab, not at boot
      mount: { path: /srv/mnt/later, src: tmpfs, fstype: tmpfs, state: present, boot: false, opts: size=1m }
    - name: a second one, then unmounted
      mount: { path: "/srv/mnt/with space", src: tmpfs, fstype: tmpfs, state: mounted }
    - mount: { path: "/srv/mnt/with space", state: unmounted }
    - name: mounted again from its fstab line
      mount: { path: "/srv/mnt/with space", src: tmpfs, fstype: tmpfs, state: mounted }
    - name: and gone, its directory too
      mount: { path: "/srv/mnt/with space", state: absent }
    - name: a mount that fails (no such device) leaves fstab as it was
      mount: { path: /srv/mnt/bad, src: /dev/nope, fstype: ext4, state: mounted }
      ignore_errors: true
    - name: remounted
      mount: { path: /srv/mnt/cache, state: remounted }
`;

const MOUNT_STATE = "grep /srv/mnt /etc/fstab; grep -o ' /srv/mnt[^ ]* [^ ]*' /proc/self/mountinfo | sort; ls /srv/mnt";

describe('find and mount against ansible on EL lab hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'find-pb-'));
  const lab = useLab({
    name: 'fsmod',
    count: 2,
    ready: async (info) => {
      for (const h of ['h1', 'h2']) {
        const r = await labSsh(info, h, TREE);
        expect(r.code, r.stderr).toBe(0);
      }
    },
  });

  it('find: the same recap, exit code and registered results as ansible-playbook, first run and rerun', async () => {
    const pb = join(dir, 'find.yml');
    writeFileSync(pb, FIND);
    await compareRuns(lab.inventory, pb);
    const ra = await labSsh(lab.info(), 'h1', 'cat /root/find-results');
    const rk = await labSsh(lab.info(), 'h2', 'cat /root/find-results');
    expect(rk.stdout).toBe(ra.stdout);
    expect(rk.stdout).toContain("['/srv/ft/a.ini', '/srv/ft/odd name|x.ini'] 2 8 {} False");
    expect(rk.stdout).toContain("'/srv/nope': \"'/srv/nope' is not a directory\"");
  });

  it('mount: the same recap, exit code, fstab and mounts as ansible-playbook, first run and rerun', async () => {
    const pb = join(dir, 'mount.yml');
    writeFileSync(pb, MOUNT);
    await compareRuns(lab.inventory, pb);
    const ma = await labSsh(lab.info(), 'h1', MOUNT_STATE);
    const mk = await labSsh(lab.info(), 'h2', MOUNT_STATE);
    expect(mk.stdout).toBe(ma.stdout);
    expect(mk.stdout).toContain('tmpfs /srv/mnt/cache tmpfs size=2m,noexec 0 0\n');
    expect(mk.stdout).toContain(' /srv/mnt/cache rw,');
    expect(mk.stdout).not.toContain('with');
  });
});
