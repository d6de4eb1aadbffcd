// mount's fstab edits against ansible.posix.mount itself (state present and absent_from_fstab touch no mount): each
// case's fstab is edited by Ansible's module (one ansible-playbook run on localhost, a file per case) and by kplay's
// pure setFstab/unsetFstab; the texts and the changed flags must be equal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setFstab, unsetFstab } from '../../../modules/support/fstab-edit.js';
import { runTool } from '../support/tool-run.js';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly args: { path: string; src?: string; fstype?: string; opts?: string; dump?: string; passno?: string; state: 'present' | 'absent_from_fstab' };
}

const FSTAB = '# /etc/fstab\nUUID=abc / ext4 defaults 0 1\n/dev/sdb1 /data xfs noatime 0 2\ntmpfs /tmp tmpfs size=1g\nnone none swap sw 0 0\n/swapfile none swap sw 0 0\n';

const CASES: Case[] = [
  { name: 'a new mount point appended', text: FSTAB, args: { path: '/srv/cache', src: 'tmpfs', fstype: 'tmpfs', opts: 'size=64m', state: 'present' } },
  { name: 'the same line - unchanged', text: FSTAB, args: { path: '/data', src: '/dev/sdb1', fstype: 'xfs', opts: 'noatime', passno: '2', state: 'present' } },
  { name: 'other options rewrite the line', text: FSTAB, args: { path: '/data', src: '/dev/sdb1', fstype: 'xfs', opts: 'noatime,nodev', passno: '2', state: 'present' } },
  { name: 'a 4-field line is rewritten even when equal (dump/passno read as numbers)', text: FSTAB, args: { path: '/tmp', src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1g', state: 'present' } },
  { name: 'spaces and & escaped', text: FSTAB, args: { path: '/mnt/my disk', src: '//srv/a&b', fstype: 'cifs', state: 'present' } },
  { name: 'removed', text: FSTAB, args: { path: '/data', state: 'absent_from_fstab' } },
  { name: 'a 4-field line is not removed (only 6-field lines are read)', text: FSTAB, args: { path: '/tmp', state: 'absent_from_fstab' } },
  { name: 'swap lines told apart by their source', text: FSTAB, args: { path: 'none', src: '/swapfile', state: 'absent_from_fstab' } },
  { name: 'not there - unchanged', text: FSTAB, args: { path: '/nope', state: 'absent_from_fstab' } },
  { name: 'no final newline', text: 'a /x ext4 defaults 0 0', args: { path: '/y', src: 'b', fstype: 'ext4', state: 'present' } },
];

describe("mount's fstab edits agree with ansible.posix.mount", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fstab-compat-'));
  const changed = new Map<number, boolean>();
  beforeAll(async () => {
    const tasks = CASES.map((c, i) => {
      const fstab = join(dir, `case${i}.fstab`);
      writeFileSync(fstab, c.text);
      return { name: `case${i}`, 'ansible.posix.mount': { ...c.args, fstab }, register: `r${i}` };
    });
    const report = join(dir, 'results.json');
    const collect = { copy: { dest: report, content: `{{ [${CASES.map((_, i) => `r${i}`).join(', ')}] | map(attribute='changed') | list | to_json }}` } };
    const pb = join(dir, 'pb.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [...tasks, collect] }]));
    const r = await runTool(['ansible-playbook', '-i', 'localhost,', '-c', 'local', pb]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    (JSON.parse(readFileSync(report, 'utf8')) as boolean[]).forEach((v, i) => changed.set(i, v));
  }, 300_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i];
    if (c === undefined) throw new Error('no case');
    const a = c.args;
    const mine =
      a.state === 'present'
        ? setFstab(c.text, { src: a.src ?? '', name: a.path, fstype: a.fstype ?? '', opts: a.opts ?? 'defaults', dump: a.dump ?? '0', passno: a.passno ?? '0' })
        : unsetFstab(c.text, a.path, a.src);
    expect(mine.changed).toBe(changed.get(i));
    expect(mine.changed ? mine.text : c.text).toBe(readFileSync(join(dir, `case${i}.fstab`), 'utf8'));
  });
});
