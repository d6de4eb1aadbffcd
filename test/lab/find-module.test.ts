// find against ansible-playbook on EL lab hosts: the same tree on h1 (Ansible) and h2 (kplay), one playbook of
// find tasks whose registered results (paths, matched, examined, skipped paths, a stat dict) are written to a file
// on each host; the recaps, exit codes and those files must be equal.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from './support/compare-runs.js';
import { labSsh, withLab } from './support/lab.js';

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

describe('find against ansible on EL lab hosts', () => {
  const lab = withLab({ name: 'findmod', count: 2 });
  let inventory = '';
  let dir = '';
  beforeAll(async () => {
    inventory = (await lab.setup()).inventory;
    dir = mkdtempSync(join(tmpdir(), 'find-pb-'));
    for (const h of ['h1', 'h2']) {
      const r = await labSsh(lab.info(), h, TREE);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 900_000);
  afterAll(async () => {
    await lab.teardown();
  }, 300_000);

  it('the same recap, exit code and registered results as ansible-playbook, first run and rerun', async () => {
    const pb = join(dir, 'find.yml');
    writeFileSync(pb, FIND);
    await compareRuns(inventory, pb);
    const ra = await labSsh(lab.info(), 'h1', 'cat /root/find-results');
    const rk = await labSsh(lab.info(), 'h2', 'cat /root/find-results');
    expect(rk.stdout).toBe(ra.stdout);
    expect(rk.stdout).toContain("['/srv/ft/a.ini', '/srv/ft/odd name|x.ini'] 2 8 {} False");
    expect(rk.stdout).toContain("'/srv/nope': \"'/srv/nope' is not a directory\"");
  });
});
