// unarchive with zip archives against ansible-playbook on Debian lab hosts (ansible-playbook on h1, kplay on h2),
// first run and rerun: the recap, exit code, registered results (handler, files, diff.prepared) and the trees
// left. unzip comes from the lab's Debian repository; the archive is written by Python's zipfile with fixed
// dates, Unix modes, a symlink and one member with FAT attributes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { controllerAddressFor, startHttpServer, type LabHttpServer } from './support/http-server.js';
import { useLab } from './support/lab.js';

const MAKE_ZIP = `
import sys, zipfile
def member(z, name, data, mode, fat=False):
    info = zipfile.ZipInfo(name, (2020, 1, 2, 3, 4, 6))
    if fat:
        info.create_system = 0
    else:
        info.external_attr = mode << 16
    z.writestr(info, data)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    member(z, 'app/', b'', 0o40755)
    member(z, 'app/a.txt', b'a\\n', 0o100644)
    member(z, 'app/run.sh', b'#!/bin/sh\\n', 0o100750)
    member(z, 'app/c.log', b'c\\n', 0o100600)
    member(z, 'app/sub/', b'', 0o40755)
    member(z, 'app/sub/b.txt', b'b' * 3000, 0o100644)
    member(z, 'app/link', b'a.txt', 0o120777)
    member(z, 'app/dos.txt', b'dos\\n', 0, fat=True)
`;

/** The playbook, with the lab HTTP server's address for the URL case. */
const zipPlaybook = (srv: string): string => `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: unzip }
    - file: { path: "/srv/z/{{ item }}", state: directory }
      loop: [ctl, chk, rem, inc, ex, mode, newer, url]
    - name: from the controller's files/, listing its files
      unarchive: { src: app.zip, dest: /srv/z/ctl, list_files: true }
      register: r1
    - name: the same again - ok
      unarchive: { src: app.zip, dest: /srv/z/ctl }
      register: r2
    - name: check mode on an empty directory - a change predicted, nothing unpacked
      unarchive: { src: app.zip, dest: /srv/z/chk }
      check_mode: true
      register: r3
    - name: check mode where it is unpacked - ok
      unarchive: { src: app.zip, dest: /srv/z/ctl }
      check_mode: true
      register: r4
    - name: a file changed on the host is put back
      copy: { content: "edited\\n", dest: /srv/z/ctl/app/a.txt }
    - unarchive: { src: app.zip, dest: /srv/z/ctl }
      register: r5
    - copy: { src: app.zip, dest: /srv/z/app.zip }
    - name: a zip on the host, with members excluded
      unarchive: { src: /srv/z/app.zip, dest: /srv/z/ex, remote_src: true, exclude: ["app/*.log"] }
      register: r6
    - name: only some members
      unarchive: { src: /srv/z/app.zip, dest: /srv/z/inc, remote_src: true, include: ["app/sub/*"], list_files: true }
      register: r7
    - name: mode and owner on every member
      unarchive: { src: app.zip, dest: /srv/z/mode, mode: "u=rwX,g=rX,o=", owner: nobody }
      register: r8
    - name: keep_newer leaves a newer file alone
      unarchive: { src: app.zip, dest: /srv/z/newer }
    - copy: { content: "mine\\n", dest: /srv/z/newer/app/a.txt }
    - unarchive: { src: app.zip, dest: /srv/z/newer, keep_newer: true }
      register: r9
    - name: a URL the host downloads
      unarchive: { src: "${srv}/files/app.zip", dest: /srv/z/url, remote_src: true }
      register: r11
    - name: a missing zip on the host
      unarchive: { src: /srv/z/nope.zip, dest: /srv/z/ctl, remote_src: true }
      ignore_errors: true
      register: r10
    - copy:
        dest: /root/zip-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.handler | default('-') }} {{ r.files | default([]) | join(',') }} {{ r.msg | default('') if r.failed | default(false) else '' }}
          {{ r.diff.prepared | default('') | trim }}
          {% endfor %}
`;

const STATE = 'cat /root/zip-results; cd /srv/z && find . -path ./app.zip -prune -o -printf "%p %M %u %g %s %TY\\n" | sort; cat newer/app/a.txt';

describe('unarchive of zip archives against ansible-playbook on Debian lab hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zip-pb-'));
  mkdirSync(join(dir, 'files'));
  execFileSync('python3', ['-c', MAKE_ZIP, join(dir, 'files', 'app.zip')]);
  let server: LabHttpServer | undefined;
  const lab = useLab({
    name: 'zipmod',
    count: 2,
    os: 'debian12',
    ready: async (info) => {
      server = await startHttpServer(controllerAddressFor(info.hosts[0]?.address ?? ''));
      server.put('app.zip', readFileSync(join(dir, 'files', 'app.zip')));
    },
    cleanup: () => server?.stop(),
  });

  it('controller and host zips, check mode, exclude, include, mode and owner, keep_newer: the same recap, results and trees', async () => {
    if (server === undefined) throw new Error('no server');
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'zip.yml'), zipPlaybook(server.base), STATE);
    expect(kplay).toBe(ansible);
    // (the rerun's results) unpacked already: ok, with every member listed; check mode predicts the unpacking
    // into an empty directory, with Ansible's itemized diff; the edited file is put back, its CRC, size and time differ
    expect(kplay).toMatch(/^False False ZipArchive app\/,app\/a.txt,app\/run.sh,app\/c.log,app\/sub\/,app\/sub\/b.txt,app\/link,app\/dos.txt \n/);
    expect(kplay).toContain('\nTrue False ZipArchive  \n>d++++++.?? app/\n>f++++++.?? app/a.txt\n');
    expect(kplay).toContain('\nTrue False ZipArchive  \n.fcst....?? app/a.txt\n');
    expect(kplay).toContain('./ctl/app/run.sh -rwxr-x--- root root 10 2020\n');
    expect(kplay).not.toContain('./chk/app');
    expect(kplay).not.toContain('./ex/app/c.log');
    expect(kplay).toContain('./mode/app/sub/b.txt -rw-r----- nobody root 3000 ');
    expect(kplay).toMatch(/\nmine\n$/);
    expect(kplay).toContain('./url/app/sub/b.txt -rw-r--r-- root root 3000 2020\n');
  });
});
