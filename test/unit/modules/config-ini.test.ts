// configparser's reading and writing as yum_repository uses them: texts written by ansible-playbook 2.14 (recorded here), as data.
import { describe, expect, it } from 'vitest';
import { dumpIni, parseIni, writeIni } from '../../../modules/common/config-ini.js';

const READS: readonly { name: string; text: string; sections: Record<string, Record<string, string>> }[] = [
  { name: 'comments dropped, = or : with spaces, names lower-cased', text: '# c\n[a]\n; c\nName=A\nbaseurl : http://x/\n', sections: { a: { name: 'A', baseurl: 'http://x/' } } },
  { name: 'indented lines continue the value; blank lines inside kept, trailing ones stripped', text: '[a]\nbaseurl = http://x/\n\thttp://y/\n\n  http://z/\n\n[b]\nk=v\n', sections: { a: { baseurl: 'http://x/\nhttp://y/\n\nhttp://z/' }, b: { k: 'v' } } },
  { name: 'the first delimiter splits; the rest is the value', text: '[a]\nurl = http://h:80/?a=b\n', sections: { a: { url: 'http://h:80/?a=b' } } },
  { name: 'an empty value', text: '[a]\nk =\n', sections: { a: { k: '' } } },
];

const ERRORS: readonly { name: string; text: string; msg: RegExp }[] = [
  { name: 'an option before any section', text: 'k = v\n', msg: /no section headers/ },
  { name: 'a duplicate section (strict)', text: '[a]\n[a]\n', msg: /section 'a' already exists/ },
  { name: 'a duplicate option (strict)', text: '[a]\nk=1\nK=2\n', msg: /option 'k' in section 'a' already exists/ },
  { name: 'a line without a delimiter', text: '[a]\njunk\n', msg: /parsing errors/ },
];

describe('parseIni', () => {
  it.each(READS)('$name', ({ text, sections }) => {
    const got = parseIni(text, 'f.repo');
    if (typeof got === 'string') throw new Error(got);
    expect(Object.fromEntries([...got].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual(sections);
  });
  it.each(ERRORS)('$name', ({ text, msg }) => {
    expect(parseIni(text, 'f.repo')).toMatch(msg);
  });
});

describe('writeIni and dumpIni', () => {
  // what ansible-playbook 2.14's yum_repository wrote over '# comment\n[other]\nname=Other\nbaseurl=http://x/\n  http://y/\n\n[epel]\nname = old\n'
  const ansibleWrote = '[other]\nname = Other\nbaseurl = http://x/\n\thttp://y/\n\n[epel]\nbaseurl = http://a/\n\thttp://b/\nenabled = 0\nexclude = kernel* foo\ngpgcheck = 1\nname = EPEL repo\npriority = 10\n\n';
  it('writes sections in their order, options in theirs, continuation lines tab-indented', () => {
    const sections = parseIni(ansibleWrote, 'f');
    if (typeof sections === 'string') throw new Error(sections);
    expect(writeIni(sections)).toBe(ansibleWrote);
  });
  it('dumps sorted, as yum_repository compares and diffs', () => {
    const sections = parseIni('[b]\nz = 1\na = 2\n[a]\nk = v\n', 'f');
    if (typeof sections === 'string') throw new Error(sections);
    expect(dumpIni(sections)).toBe('[a]\nk = v\n\n[b]\na = 2\nz = 1\n\n');
  });
  it('a value holding "\\n[evil]" reads back as the same value, never a section', () => {
    const text = writeIni(new Map([['a', new Map([['name', 'N\n[evil]\nbaseurl=http://evil/']])]]));
    expect(text).toBe('[a]\nname = N\n\t[evil]\n\tbaseurl=http://evil/\n\n');
    const back = parseIni(text, 'f');
    if (typeof back === 'string') throw new Error(back);
    expect([...back.keys()]).toEqual(['a']);
    expect(back.get('a')?.get('name')).toBe('N\n[evil]\nbaseurl=http://evil/');
  });
});
