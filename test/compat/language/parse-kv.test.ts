// key=value free form against Ansible's own parse_kv (ansible.parsing.splitter), run once in Python over every case:
// the escapes it decodes (\n, \t, \x41, \u00e9, \\, \"), its quotes and unquoting, what it leaves alone and what it refuses.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitWords } from '../../../engine/playbook/free-form.js';
import { runTool } from '../support/tool-run.js';

const CASES = [
  'msg="a\\nb"',
  "msg='a\\nb'",
  'msg=a\\tb',
  'msg="say \\"hi\\""',
  "msg='it\\'s'",
  'msg="a quote after a backslash does not close\\\\"',
  'msg="a \\"quoted\\" word" x=1',
  'msg="back\\\\slash" other=x',
  'msg=\\x41\\u00e9\\U0001F600',
  'msg="\\\\n stays a backslash and n"',
  'msg="bell\\a form\\f vt\\v cr\\r bs\\b"',
  'msg="\\q \\0 unknown"',
  'path=/tmp/x line="a=b\\nc=d"',
  "regexp='^(\\w+)=' replace='\\1: '",
  "a='' b=\"\" c=",
];

describe("key=value words as Ansible's parse_kv reads them", () => {
  let ansible: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const py = [
      'import json, sys',
      'from ansible.parsing.splitter import parse_kv',
      'def kv(c):',
      '    try:',
      '        return parse_kv(c)',
      '    except Exception:',
      '        return {"error": True}',
      'print(json.dumps([kv(c) for c in json.load(sys.stdin)]))',
    ].join('\n');
    const r = await runTool(['/usr/bin/python3', '-c', py], {}, 60_000, JSON.stringify(CASES));
    expect(r.code, r.stderr).toBe(0);
    ansible = JSON.parse(r.stdout) as Record<string, unknown>[];
  });

  it.each(CASES.map((c, i) => [c, i] as const))('%s', (text, i) => {
    const split = splitWords(text);
    const kplay = 'error' in split ? { error: true } : Object.fromEntries(split.words.flatMap((w) => (w.key === undefined ? [] : [[w.key, w.value]])));
    expect(ansible[i]).toBeDefined();
    expect(kplay).toEqual(ansible[i]);
  });
});
