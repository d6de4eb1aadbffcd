// ini_file's edit against community.general.ini_file itself: each case's file is edited by Ansible's module (one
// ansible-playbook run on localhost, one file per case) and by kplay's pure editIni; the texts, the changed flags
// and the messages must be equal.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editIni, type IniEdit } from '../../../modules/support/ini-edit.js';
import { runTool } from '../support/tool-run.js';

interface Case {
  readonly name: string;
  /** undefined: no file */
  readonly text: string | undefined;
  readonly args: Record<string, unknown>;
}

const CONF = '# global\nlog = info\n\n[server]\nport = 80\n; old: port = 70\nhost=a\n\n[client]\nretries = 3\n';

const CASES: Case[] = [
  { name: 'a new option at the end of its section', text: CONF, args: { section: 'server', option: 'timeout', value: '5' } },
  { name: 'an option changed in place', text: CONF, args: { section: 'server', option: 'host', value: 'b' } },
  { name: 'the same value - unchanged', text: CONF, args: { section: 'server', option: 'port', value: '80' } },
  { name: 'spacing rewritten when the value matches', text: CONF, args: { section: 'server', option: 'host', value: 'a' } },
  { name: 'no_extra_spaces', text: CONF, args: { section: 'client', option: 'retries', value: '4', no_extra_spaces: true } },
  { name: 'a new section at the end', text: CONF, args: { section: 'extra', option: 'k', value: 'v' } },
  { name: 'no section: before the first one', text: CONF, args: { option: 'log', value: 'debug' } },
  { name: 'no section, a new option', text: CONF, args: { option: 'new', value: '1' } },
  { name: 'an option removed', text: CONF, args: { section: 'server', option: 'port', state: 'absent' } },
  { name: 'a section removed', text: CONF, args: { section: 'client', state: 'absent' } },
  { name: 'an absent option - unchanged', text: CONF, args: { section: 'server', option: 'nope', state: 'absent' } },
  { name: 'values: several lines of one option', text: '[s]\nx = 1\nx = 2\nx = 3\n', args: { section: 's', option: 'x', values: ['3', '4'] } },
  { name: 'values, not exclusive', text: '[s]\nx = 1\nx = 2\n', args: { section: 's', option: 'x', values: ['2', '5'], exclusive: false } },
  { name: 'absent of one value, not exclusive', text: '[s]\nx = 1\nx = 2\n', args: { section: 's', option: 'x', values: ['1'], state: 'absent', exclusive: false } },
  { name: 'a commented-out option is rewritten', text: '[s]\n#x = 1\ny = 2\n', args: { section: 's', option: 'x', value: '1' } },
  { name: 'a commented-out duplicate is dropped (exclusive)', text: '[s]\nx = 1\n# x = 0\n', args: { section: 's', option: 'x', value: '9' } },
  { name: 'allow_no_value: a bare option', text: '[mysqld]\nport = 3306\n', args: { section: 'mysqld', option: 'skip-name-resolve', allow_no_value: true } },
  { name: 'allow_no_value: already there', text: '[mysqld]\nskip-name-resolve\n', args: { section: 'mysqld', option: 'skip-name-resolve', allow_no_value: true } },
  { name: 'only a section added', text: '[a]\nx = 1\n', args: { section: 'b', allow_no_value: true } },
  { name: 'a missing file is created, starting with an empty line', text: undefined, args: { section: 'main', option: 'a', value: '1' } },
  { name: 'an empty file', text: '', args: { section: 'main', option: 'a', value: '1' } },
  { name: 'no final newline', text: '[s]\nx = 1', args: { section: 's', option: 'x', value: '1' } },
  { name: 'CRLF lines and a BOM', text: '\uFEFF[s]\r\nx = 1\r\n', args: { section: 's', option: 'y', value: '2' } },
  { name: 'a section name matches by prefix', text: '[server-old]\nx = 1\n[server]\ny = 2\n', args: { section: 'server', option: 'z', value: '3' } },
  { name: 'trailing comments and blank lines stay after the new option', text: '[s]\nx = 1\n\n# end\n\n[t]\n', args: { section: 's', option: 'y', value: '2' } },
  { name: 'regex characters in an option', text: '[s]\na.b = 1\naxb = 2\n', args: { section: 's', option: 'a.b', value: '3' } },
  { name: 'a value with spaces and =', text: '[s]\n', args: { section: 's', option: 'opts', value: 'a=b c' } },
  { name: 'absent on a missing file - no file made', text: undefined, args: { section: 's', option: 'x', state: 'absent' } },
];

const editOf = (a: Record<string, unknown>): IniEdit => ({
  section: a.section as string | undefined,
  option: a.option as string | undefined,
  values: a.value !== undefined ? [a.value as string] : ((a.values as string[] | undefined) ?? []),
  state: (a.state as 'present' | 'absent' | undefined) ?? 'present',
  exclusive: (a.exclusive as boolean | undefined) ?? true,
  noExtraSpaces: (a.no_extra_spaces as boolean | undefined) ?? false,
  allowNoValue: (a.allow_no_value as boolean | undefined) ?? false,
});

describe("ini_file agrees with community.general.ini_file's own edits", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ini-compat-'));
  const results = new Map<number, { changed: boolean; msg: string }>();
  beforeAll(async () => {
    const tasks = CASES.map((c, i) => {
      const path = join(dir, `case${i}.ini`);
      if (c.text !== undefined) writeFileSync(path, c.text);
      return { name: `case${i}`, 'community.general.ini_file': { path, ...c.args }, register: `r${i}` };
    });
    const report = join(dir, 'results.json');
    const collect = { copy: { dest: report, content: `{{ [${CASES.map((_, i) => `r${i}`).join(', ')}] | map(attribute='changed') | zip([${CASES.map((_, i) => `r${i}`).join(', ')}] | map(attribute='msg')) | list | to_json }}` } };
    const pb = join(dir, 'pb.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [...tasks, collect] }]));
    const r = await runTool(['ansible-playbook', '-i', 'localhost,', '-c', 'local', pb]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const pairs = JSON.parse(readFileSync(report, 'utf8')) as [boolean, string][];
    pairs.forEach(([changed, msg], i) => results.set(i, { changed, msg }));
  }, 300_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i];
    if (c === undefined) throw new Error('no case');
    const path = join(dir, `case${i}.ini`);
    const mine = editIni(c.text, editOf(c.args));
    const theirs = results.get(i);
    expect(mine.changed).toBe(theirs?.changed);
    expect(mine.msg).toBe(theirs?.msg);
    if (mine.changed) expect(mine.text).toBe(readFileSync(path, 'utf8'));
    else expect(existsSync(path) ? readFileSync(path, 'utf8') : undefined).toBe(c.text);
  });
});
