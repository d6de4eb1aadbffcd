// The pure parts of pamd, as community.general.pamd's Python behaves (each expectation was read off that module;
// test/compat/modules/pamd.test.ts compares whole edits with the module itself).
import { describe, expect, it } from 'vitest';
import { editPamd } from '../../../modules/support/pamd-edit.js';
import { controlOf, parseArguments, parseRule, ruleProblem, ruleText } from '../../../modules/support/pamd-rule.js';
import { pythonLines } from '../../../modules/support/pamd-service.js';

describe('pamd rule parsing', () => {
  it('splits arguments into words and bracket groups, a group running to the last ]', () => {
    expect(parseArguments(['a=1  b', 'c=[x] d'])).toEqual(['a=1', 'b', 'c=[x]', 'd']);
    expect(parseArguments(['[a b] c [d] e'])).toEqual(['[a b] c [d]', 'e']);
    expect(parseArguments(['[open no close', ''])).toEqual(['[open', 'no', 'close']);
  });

  it("keeps a bracketed control as its items, ' = ' closed up, and writes the rule re-spaced", () => {
    expect(controlOf('[success = 1 default=ignore]')).toEqual(['success=1', 'default=ignore']);
    const r = parseRule('  -session\t[default=1]\t\tpam_permit.so  x=1 ');
    expect(ruleText(r)).toBe('-session   [default=1] pam_permit.so x=1');
  });

  it('finds the rule anywhere in the line, as re.search does', () => {
    expect(ruleText(parseRule('xauth required pam_x.so'))).toBe('auth       required pam_x.so');
    expect(() => parseRule('auth pam_x.so')).toThrow("'NoneType' object has no attribute 'group'");
  });

  it("judges numeric actions as Python's int() does", () => {
    expect(ruleProblem(parseRule('auth [success=+2 default=-0] pam_a.so'))).toBeUndefined();
    expect(ruleProblem(parseRule('auth [success=-1] pam_a.so'))).toBe('Rule control action, -1, is not valid in rule auth       [success=-1] pam_a.so');
  });

  it("reads lines as Python's universal newlines and splitlines() do", () => {
    expect(pythonLines('a\r\nb\rc\vd\n\n')).toEqual(['a', 'b', 'c', 'd', '']);
    expect(pythonLines('')).toEqual([]);
  });
});

describe('pamd edits', () => {
  const FILE = '# head\nauth required pam_a.so\n# about b\n\nauth required pam_b.so\n';
  const before = { state: 'before', type: 'auth', control: 'required', modulePath: 'pam_b.so', newType: 'auth', newControl: 'optional', newModulePath: 'pam_n.so' } as const;

  it('drops the comments between the rule above and an inserted one, and marks the file second', () => {
    expect(editPamd(FILE, before, 'T')).toEqual({ kind: 'edited', changes: 1, matched: 1, text: '# head\n# Updated by Ansible - T\nauth       required pam_a.so\nauth       optional pam_n.so\nauth       required pam_b.so\n' });
  });

  it('inserts nothing the second time', () => {
    const once = editPamd(FILE, before, 'T');
    if (once.kind !== 'edited') throw new Error(once.kind);
    expect(editPamd(once.text, before, 'U')).toMatchObject({ kind: 'edited', changes: 0 });
  });

  it('replaces a differing key=value and appends what is missing', () => {
    const r = editPamd('auth required pam_f.so deny=3 x\n', { state: 'args_present', type: 'auth', control: 'required', modulePath: 'pam_f.so', moduleArguments: ['deny=5', 'y'] }, 'T');
    expect(r).toMatchObject({ kind: 'edited', changes: 1, text: '\n# Updated by Ansible - T\nauth       required pam_f.so deny=5 x y\n' });
  });
});
