// The line edits lineinfile makes (modules/common/line-edit.ts), as data: text and edit in, text and message out.
import { describe, expect, it } from 'vitest';
import { editLines, type LineEdit } from '../../../modules/common/line-edit.js';

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
  // Python's dialect: inline flags at the start, \s as Python's, named groups
  ['regexp with (?i)', '#NET/IPV4/X=0\n', P({ line: 'net/ipv4/x=1', regexp: '(?i)[^\\s #]*net/ipv4/x' }), 'net/ipv4/x=1\n', 'line replaced'],
  ['insertafter with (?i)', '[Main]\nk=v\n', P({ line: 'n=1', insertafter: '(?i)^\\[main\\]$' }), '[Main]\nn=1\nk=v\n', 'line added'],
  ['backrefs with a (?P<name>) group', 'port=80\n', P({ line: 'port=\\g<p>0', regexp: '^port=(?P<p>\\d+)$', backrefs: true }), 'port=800\n', 'line replaced'],
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
