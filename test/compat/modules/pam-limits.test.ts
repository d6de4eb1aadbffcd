// pam_limits's edit against community.general.pam_limits itself: each case's file is edited by Ansible's module (one
// ansible-playbook run on localhost, one file per case) and by kplay's pure editLimits; the texts, the changed flags,
// the messages and the failures must be equal.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editLimits, type LimitEdit } from '../../../modules/support/pam-limits-edit.js';
import { runTool } from '../support/tool-run.js';

interface Case {
  readonly name: string;
  readonly text: string | undefined;
  readonly args: { domain: string; limit_type: string; limit_item: string; value: string; use_max?: boolean; use_min?: boolean; comment?: string };
}

const CONF = '# /etc/security/limits.conf\n#\n#<domain>  <type>  <item>  <value>\n*     soft    core    0\n@dev  hard    nproc   100\n\n# End of file\n';

const CASES: Case[] = [
  { name: 'a new limit appended', text: CONF, args: { domain: 'app', limit_type: '-', limit_item: 'nofile', value: '65536' } },
  { name: 'the same value - unchanged', text: CONF, args: { domain: '*', limit_type: 'soft', limit_item: 'core', value: '0' } },
  { name: 'another value rewritten in place, tab-separated', text: CONF, args: { domain: '@dev', limit_type: 'hard', limit_item: 'nproc', value: '200' } },
  { name: 'use_max keeps the larger', text: CONF, args: { domain: '@dev', limit_type: 'hard', limit_item: 'nproc', value: '50', use_max: true } },
  { name: 'use_max raises', text: CONF, args: { domain: '@dev', limit_type: 'hard', limit_item: 'nproc', value: '500', use_max: true } },
  { name: 'use_min lowers', text: CONF, args: { domain: '@dev', limit_type: 'hard', limit_item: 'nproc', value: '50', use_min: true } },
  { name: 'use_min with unlimited in the file', text: '* soft nofile unlimited\n', args: { domain: '*', limit_type: 'soft', limit_item: 'nofile', value: '1024', use_min: true } },
  { name: 'a comment', text: CONF, args: { domain: 'db', limit_type: 'soft', limit_item: 'memlock', value: 'unlimited', comment: 'for the database' } },
  { name: 'a comment read from the file sticks to the added line', text: '* soft core 0 # no cores\n', args: { domain: 'db', limit_type: 'hard', limit_item: 'nofile', value: '10' } },
  { name: 'a missing file is created', text: undefined, args: { domain: 'app', limit_type: 'soft', limit_item: 'nproc', value: '4096' } },
  { name: 'nice in range', text: '', args: { domain: 'app', limit_type: 'soft', limit_item: 'nice', value: '-5' } },
  { name: 'nice out of range fails', text: '', args: { domain: 'app', limit_type: 'soft', limit_item: 'nice', value: '30' } },
  { name: 'a value that is no number fails', text: '', args: { domain: 'app', limit_type: 'soft', limit_item: 'nofile', value: 'lots' } },
  { name: 'a broken line in the file fails', text: '* soft nofile lots\n', args: { domain: 'app', limit_type: 'soft', limit_item: 'nofile', value: '10' } },
  { name: 'lines of other lengths kept', text: '* soft\n  # indented comment\n', args: { domain: 'app', limit_type: 'hard', limit_item: 'core', value: '0' } },
];

const editOf = (a: Case['args']): LimitEdit => ({
  domain: a.domain,
  type: a.limit_type,
  item: a.limit_item,
  value: a.value,
  useMax: a.use_max ?? false,
  useMin: a.use_min ?? false,
  comment: a.comment ?? '',
});

describe("pam_limits agrees with community.general.pam_limits's own edits", () => {
  const dir = mkdtempSync(join(tmpdir(), 'limits-compat-'));
  const results = new Map<number, { changed: boolean; msg: string; failed: boolean }>();
  beforeAll(async () => {
    const tasks = CASES.map((c, i) => {
      const dest = join(dir, `case${i}.conf`);
      if (c.text !== undefined) writeFileSync(dest, c.text);
      return { name: `case${i}`, 'community.general.pam_limits': { dest, ...c.args }, register: `r${i}`, ignore_errors: true };
    });
    const report = join(dir, 'results.json');
    const names = CASES.map((_, i) => `r${i}`).join(', ');
    const collect = { copy: { dest: report, content: `{{ [${names}] | map(attribute='changed') | zip([${names}] | map(attribute='msg'), [${names}] | map(attribute='failed', default=false)) | list | to_json }}` } };
    const pb = join(dir, 'pb.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [...tasks, collect] }]));
    const r = await runTool(['ansible-playbook', '-i', 'localhost,', '-c', 'local', pb]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const rows = JSON.parse(readFileSync(report, 'utf8')) as [boolean, string, boolean][];
    rows.forEach(([changed, msg, failed], i) => results.set(i, { changed, msg, failed }));
  }, 300_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i];
    if (c === undefined) throw new Error('no case');
    const path = join(dir, `case${i}.conf`);
    const mine = editLimits(c.text, editOf(c.args), path);
    const theirs = results.get(i);
    if (theirs?.failed === true) {
      expect('error' in mine ? mine.error : '(no error)').toBe(theirs.msg);
      return;
    }
    if ('error' in mine) throw new Error(mine.error);
    expect(mine.changed).toBe(theirs?.changed);
    expect(mine.msg).toBe(theirs?.msg);
    expect(mine.text).toBe(existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  });
});
