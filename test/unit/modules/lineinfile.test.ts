// lineinfile: the line edits as data, its plans, and edits applied for real (odd text, backup, create).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editLines, type LineEdit } from '../../../modules/common/line-edit.js';
import { lineinfileModule } from '../../../modules/lineinfile.js';
import { applyLocally, missing, plan, stat } from './harness.js';

const P = (e: Partial<LineEdit>): LineEdit => ({ state: 'present', ...e });

const cases: [string, string, LineEdit, string, string | undefined][] = [
  ['appends a missing line', 'a\nb\n', P({ line: 'c' }), 'a\nb\nc\n', 'line added'],
  ['exact line present: nothing', 'a\nb\n', P({ line: 'b' }), 'a\nb\n', undefined],
  ['adds a newline to a last line without one', 'a', P({ line: 'c' }), 'a\nc\n', 'line added'],
  ['regexp replaces the last match', 'x=1\ny\nx=2\n', P({ line: 'x=3', regexp: '^x=' }), 'x=1\ny\nx=3\n', 'line replaced'],
  ['firstmatch replaces the first', 'x=1\ny\nx=2\n', P({ line: 'x=3', regexp: '^x=', firstmatch: true }), 'x=3\ny\nx=2\n', 'line replaced'],
  ['regexp matches the wanted line already', 'x=3\n', P({ line: 'x=3', regexp: '^x=' }), 'x=3\n', undefined],
  ['regexp no match: inserted at EOF', 'a\n', P({ line: 'x=3', regexp: '^x=' }), 'a\nx=3\n', 'line added'],
  ['insertafter a regexp', '[main]\nk=v\n[other]\n', P({ line: 'n=1', insertafter: '^\\[main\\]' }), '[main]\nn=1\nk=v\n[other]\n', 'line added'],
  ['insertbefore a regexp', 'a\nEND\n', P({ line: 'b', insertbefore: '^END' }), 'a\nb\nEND\n', 'line added'],
  ['insertbefore BOF', 'a\n', P({ line: '#!/bin/sh', insertbefore: 'BOF' }), '#!/bin/sh\na\n', 'line added'],
  ['backrefs expand groups', 'listen 80\n', P({ line: 'listen \\1 ssl', regexp: '^listen (\\d+)$', backrefs: true }), 'listen 80 ssl\n', 'line replaced'],
  ['backrefs named python group', 'user=bob\n', P({ line: 'owner=\\g<u>', regexp: '^user=(?P<u>\\w+)', backrefs: true }), 'owner=bob\n', 'line replaced'],
  ['backrefs without match: unchanged', 'a\n', P({ line: 'x \\1', regexp: '^(z)', backrefs: true }), 'a\n', undefined],
  ['search_string replaces the containing line', 'port = 22 # ssh\n', P({ line: 'port = 2222', searchString: '22 # ssh' }), 'port = 2222\n', 'line replaced'],
  ['absent by regexp removes all', 'a\n#x\nb\n#y\n', { state: 'absent', regexp: '^#' }, 'a\nb\n', '2 line(s) removed'],
  ['absent exact line', 'a\nb\n', { state: 'absent', line: 'b' }, 'a\n', '1 line(s) removed'],
  ['absent when not there', 'a\n', { state: 'absent', line: 'b' }, 'a\n', undefined],
  ['empty file', '', P({ line: 'a' }), 'a\n', 'line added'],
];

describe('line edits', () => {
  for (const [name, text, edit, want, msg] of cases) {
    it(name, () => expect(editLines(text, edit)).toEqual({ text: want, msg }));
  }
});

const base = { state: 'present', backrefs: false, firstmatch: false, create: false, backup: false };

describe('lineinfile plans', () => {
  it('missing file without create: failure naming a prerequisite', () => {
    const p = plan(lineinfileModule, { ...base, path: '/etc/x.conf', line: 'a' }, { dest: missing, dest_sum: missing, parent: stat('directory', '755'), text: missing });
    expect(p).toMatchObject({ kind: 'fail', msg: 'Destination /etc/x.conf does not exist !' });
    expect(p.kind === 'fail' && p.missingPrerequisite).toBeTruthy();
  });
  it('absent on a missing file: ok', () => {
    expect(plan(lineinfileModule, { ...base, state: 'absent', path: '/x', line: 'a' }, { dest: missing, dest_sum: missing, parent: missing, text: missing }).kind).toBe('ok');
  });
  it('present without line is refused', () => {
    expect(plan(lineinfileModule, { ...base, path: '/x' }, {}).kind).toBe('fail');
  });
});

describe('lineinfile applied for real', () => {
  it('edits with odd text and names, then reports ok; keeps a backup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-lif-'));
    const path = join(dir, "it's $(x) `y`;*.conf");
    writeFileSync(path, 'a=1\nkey = old\n');
    const params = { ...base, backup: true, path, regexp: '^key\\s*=', line: `key = "$(touch PWNED)" 'q' \`x\`` };
    const r = applyLocally(lineinfileModule, params, dir);
    expect(r.failed).toBeUndefined();
    expect(r.plan.kind === 'change' && r.plan.summary).toMatch(/^line replaced in /);
    expect(readFileSync(path, 'utf8')).toBe(`a=1\nkey = "$(touch PWNED)" 'q' \`x\`\n`);
    expect(applyLocally(lineinfileModule, params, dir).plan.kind).toBe('ok');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('~'))).toHaveLength(1);
  });

  it('create makes the file and its directory, then ok', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-lif-'));
    const path = join(dir, 'new dir/sub/f');
    const params = { ...base, create: true, path, line: 'hello', mode: '0600' };
    expect(applyLocally(lineinfileModule, params, dir).failed).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    expect(applyLocally(lineinfileModule, params, dir).plan.kind).toBe('ok');
  });
});
