// pamd's edit against community.general.pamd itself: each case's service file is edited by Ansible's module (one
// ansible-playbook run on localhost, one file per case) and by kplay's pure editPamd; the texts (the "# Updated by
// Ansible" line's time set aside), the changed flags, change counts, failure messages and crashes must be equal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editPamd, type PamdEdit, type PamdState } from '../../../modules/support/pamd-edit.js';
import { runTool } from '../support/tool-run.js';

interface Args {
  readonly type: string;
  readonly control: string;
  readonly module_path: string;
  readonly state?: PamdState;
  readonly new_type?: string;
  readonly new_control?: string;
  readonly new_module_path?: string;
  readonly module_arguments?: string | readonly string[];
}

interface Case {
  readonly name: string;
  readonly text: string;
  readonly args: Args;
}

const AUTH = `#
# /etc/pam.d/common-auth - authentication settings common to all services
#
# here are the per-package modules (the "Primary" block)
auth\t[success=1 default=ignore]\tpam_unix.so nullok
# here's the fallback if no module succeeds
auth\trequisite\t\t\tpam_deny.so
auth\trequired\t\t\tpam_permit.so
# and here are more per-package modules (the "Additional" block)
auth\toptional\t\t\tpam_cap.so 
# end of pam-auth-update config
`;

const SU = `#
# The PAM configuration file for the Shadow \`su' service
#

# This allows root to su without passwords (normal operation)
auth       sufficient pam_rootok.so

# Uncomment this to force users to be a member of group wheel
# auth       required   pam_wheel.so

session       required   pam_env.so readenv=1
session       required   pam_env.so readenv=1 envfile=/etc/default/locale

@include common-auth
@include common-account
@include common-session
`;

const FAILLOCK = `auth        required      pam_env.so
auth        required      pam_faillock.so preauth silent deny=3 unlock_time=600
auth        sufficient    pam_unix.so try_first_pass nullok
auth        [default=die] pam_faillock.so authfail deny=3
-session    optional      pam_systemd.so
password    requisite     pam_pwquality.so try_first_pass local_users_only retry=3 authtok_type=
session     [success=1 default=ignore] pam_succeed_if.so service in crond quiet use_uid
`;

const OF = (control: string) => ({ type: 'auth', control, module_path: 'pam_faillock.so' });

const CASES: Case[] = [
  { name: 'updated: a simple control to another', text: AUTH, args: { type: 'auth', control: 'requisite', module_path: 'pam_deny.so', new_control: 'required' } },
  { name: 'updated: a complex control to another', text: AUTH, args: { type: 'auth', control: '[success=1 default=ignore]', module_path: 'pam_unix.so', new_control: '[success=2 default=ignore]' } },
  { name: 'updated: the same control - unchanged, file untouched', text: AUTH, args: { type: 'auth', control: 'requisite', module_path: 'pam_deny.so', new_control: 'requisite' } },
  { name: 'updated: new type and module path', text: AUTH, args: { type: 'auth', control: 'optional', module_path: 'pam_cap.so', new_type: '-auth', new_module_path: '/lib/security/pam_cap.so' } },
  { name: 'updated: arguments replaced', text: FAILLOCK, args: { ...OF('required'), module_arguments: 'preauth silent deny=5 unlock_time=900' } },
  { name: 'updated: arguments cleared with an empty string', text: FAILLOCK, args: { ...OF('required'), module_arguments: '' } },
  { name: 'updated: arguments as they are - unchanged', text: FAILLOCK, args: { ...OF('required'), module_arguments: ['preauth', 'silent', 'deny=3', 'unlock_time=600'] } },
  { name: 'updated: no rule matches', text: FAILLOCK, args: { ...OF('optional'), new_control: 'required' } },
  { name: "updated: a control written '[a = b]' always differs", text: FAILLOCK, args: { ...OF('[default=die]'), new_control: '[default = die]' } },
  { name: 'before: inserted, the comment above the rule drops out', text: AUTH, args: { type: 'auth', control: 'optional', module_path: 'pam_cap.so', state: 'before', new_type: 'auth', new_control: 'optional', new_module_path: 'pam_mount.so' } },
  { name: 'before: the first rule, after the header comments', text: AUTH, args: { type: 'auth', control: '[success=1 default=ignore]', module_path: 'pam_unix.so', state: 'before', new_type: 'auth', new_control: 'required', new_module_path: 'pam_faildelay.so', module_arguments: ['delay=2000000'] } },
  { name: 'before: the new rule is there already - unchanged', text: AUTH, args: { type: 'auth', control: 'required', module_path: 'pam_permit.so', state: 'before', new_type: 'auth', new_control: 'requisite', new_module_path: 'pam_deny.so' } },
  { name: 'before: both of two identical rules', text: 'auth required pam_a.so\nauth required pam_a.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so', state: 'before', new_type: 'auth', new_control: 'optional', new_module_path: 'pam_b.so' } },
  { name: 'after: inserted with arguments, the comments between drop out', text: SU, args: { type: 'auth', control: 'sufficient', module_path: 'pam_rootok.so', state: 'after', new_type: 'auth', new_control: 'required', new_module_path: 'pam_wheel.so', module_arguments: 'use_uid' } },
  { name: 'after: the last rule, the comment after it drops out', text: AUTH, args: { type: 'auth', control: 'optional', module_path: 'pam_cap.so', state: 'after', new_type: 'auth', new_control: '[success=1 default=ignore]', new_module_path: '/lib64/security/pam_duo.so' } },
  { name: 'after: the new rule is there already - unchanged', text: AUTH, args: { type: 'auth', control: 'requisite', module_path: 'pam_deny.so', state: 'after', new_type: 'auth', new_control: 'required', new_module_path: 'pam_permit.so' } },
  { name: 'after: a rule followed by @include lines', text: SU, args: { type: 'session', control: 'required', module_path: 'pam_env.so', state: 'after', new_type: 'session', new_control: 'optional', new_module_path: 'pam_mail.so', module_arguments: ['nopen'] } },
  { name: 'args_present: a word and a key=value added, a value changed', text: FAILLOCK, args: { ...OF('required'), state: 'args_present', module_arguments: ['audit', 'deny=5', 'fail_interval=900'] } },
  { name: 'args_present: present already - unchanged', text: FAILLOCK, args: { ...OF('required'), state: 'args_present', module_arguments: 'silent,deny=3' } },
  { name: 'args_present: a value with = in a list item, an empty value', text: FAILLOCK, args: { type: 'password', control: 'requisite', module_path: 'pam_pwquality.so', state: 'args_present', module_arguments: ['authtok_type=PAM', 'minlen=12'] } },
  { name: 'args_present: on a rule with a complex control', text: FAILLOCK, args: { type: 'session', control: '[success=1 default=ignore]', module_path: 'pam_succeed_if.so', state: 'args_present', module_arguments: 'crond,debug' } },
  { name: 'args_present: bracketed arguments are refused', text: FAILLOCK, args: { ...OF('required'), state: 'args_present', module_arguments: ['[a b]'] } },
  { name: 'args_present: a value with two = crashes the module', text: FAILLOCK, args: { ...OF('required'), state: 'args_present', module_arguments: ['x=a=b'] } },
  { name: 'args_present: no rule matches - unchanged', text: FAILLOCK, args: { ...OF('optional'), state: 'args_present', module_arguments: ['x=a=b'] } },
  { name: 'args_absent: some removed', text: FAILLOCK, args: { ...OF('[default=die]'), state: 'args_absent', module_arguments: ['authfail', 'deny=3', 'nothere'] } },
  { name: 'args_absent: a key alone does not remove key=value', text: FAILLOCK, args: { ...OF('required'), state: 'args_absent', module_arguments: ['deny'] } },
  { name: 'absent: a rule removed', text: FAILLOCK, args: { type: '-session', control: 'optional', module_path: 'pam_systemd.so', state: 'absent' } },
  { name: 'absent: the first line removed', text: FAILLOCK, args: { type: 'auth', control: 'required', module_path: 'pam_env.so', state: 'absent' } },
  { name: 'absent: no rule matches', text: FAILLOCK, args: { type: 'auth', control: 'required', module_path: 'pam_nothing.so', state: 'absent' } },
  { name: 'absent: the only line crashes the module', text: 'auth required pam_a.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so', state: 'absent' } },
  { name: 'a one-line file: the mark line goes first', text: 'auth required pam_a.so', args: { type: 'auth', control: 'required', module_path: 'pam_a.so', new_control: 'optional' } },
  { name: 'the mark line of an earlier run replaced', text: 'auth required pam_a.so\n# Updated by Ansible - 2020-01-01T00:00:00\nauth optional pam_b.so\n', args: { type: 'auth', control: 'optional', module_path: 'pam_b.so', module_arguments: 'x' } },
  { name: 'control " = " spacing and odd lines: text before the type dropped, CRLF', text: 'auth [success = 1 default=ignore] pam_a.so\r\nxauth required pam_x.so\r\nauth   required pam_c.so [a b] c\r\n', args: { type: 'auth', control: '[success=1 default=ignore]', module_path: 'pam_a.so', new_control: '[success=2 default=die]' } },
  { name: 'bracketed arguments kept as one', text: 'auth required pam_c.so [a b] c [d]\n', args: { type: 'auth', control: 'required', module_path: 'pam_c.so', state: 'args_absent', module_arguments: ['c'] } },
  { name: 'an invalid control in the file fails', text: 'auth required pam_a.so\nauth maybe pam_b.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_nothing.so' } },
  { name: 'an invalid control action fails', text: 'auth required pam_a.so\nauth [success=jump] pam_b.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_nothing.so' } },
  { name: 'a numeric action with a sign is valid', text: 'auth required pam_a.so\nauth [success=+2 default=-0] pam_b.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so', new_control: 'requisite' } },
  { name: 'an indented comment fails', text: 'auth required pam_a.so\n   # indented\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so', new_control: 'optional' } },
  { name: 'a new rule with an invalid control fails', text: AUTH, args: { type: 'auth', control: 'requisite', module_path: 'pam_deny.so', state: 'before', new_type: 'auth', new_control: 'sometimes', new_module_path: 'pam_x.so' } },
  { name: 'a line that is no rule crashes the module', text: 'auth required pam_a.so\nfoo bar\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so' } },
  { name: 'a continued line crashes the module', text: 'auth required pam_a.so one \\\n    two\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so' } },
  { name: 'two blanks inside brackets crash the module', text: 'auth [success=1  default=ignore] pam_a.so\n', args: { type: 'auth', control: 'required', module_path: 'pam_a.so' } },
];

const TIME = '2000-01-01T00:00:00.000001';
const MARK = /^# Updated by Ansible - .*$/m;

function editOf(a: Args): PamdEdit {
  const list = a.module_arguments === undefined ? undefined : typeof a.module_arguments === 'string' ? a.module_arguments.split(',') : a.module_arguments;
  return { state: a.state ?? 'updated', type: a.type, control: a.control, modulePath: a.module_path, newType: a.new_type, newControl: a.new_control, newModulePath: a.new_module_path, moduleArguments: list };
}

interface Theirs {
  readonly changed?: boolean;
  readonly failed?: boolean;
  readonly msg?: string;
  readonly change_count?: number;
  readonly module_stderr?: string;
}

describe("pamd agrees with community.general.pamd's own edits", () => {
  const dir = mkdtempSync(join(tmpdir(), 'pamd-compat-'));
  let results: Theirs[] = [];
  beforeAll(async () => {
    const tasks = CASES.map((c, i) => {
      writeFileSync(join(dir, `case${i}`), c.text);
      return { name: `case${i}`, 'community.general.pamd': { path: dir, name: `case${i}`, ...c.args }, register: `r${i}`, ignore_errors: true };
    });
    const report = join(dir, 'results.json');
    const names = CASES.map((_, i) => `r${i}`).join(', ');
    const collect = { copy: { dest: report, content: `{{ [${names}] | to_json }}` } };
    const pb = join(dir, 'pb.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [...tasks, collect] }]));
    const r = await runTool(['ansible-playbook', '-i', 'localhost,', '-c', 'local', pb]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    results = JSON.parse(readFileSync(report, 'utf8')) as Theirs[];
  }, 300_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CASES[i];
    const theirs = results[i];
    if (c === undefined || theirs === undefined) throw new Error('no case');
    const mine = editPamd(c.text, editOf(c.args), TIME);
    const after = readFileSync(join(dir, `case${i}`), 'utf8');
    if (mine.kind === 'crash') {
      expect(theirs.msg).toMatch(/^MODULE FAILURE/);
      expect(theirs.module_stderr?.trim().split('\n').at(-1)).toBe(mine.exception);
      return;
    }
    if (mine.kind === 'fail') {
      expect({ failed: theirs.failed, msg: theirs.msg }).toEqual({ failed: true, msg: mine.msg });
      return;
    }
    expect({ failed: theirs.failed ?? false, changed: theirs.changed, count: theirs.change_count }).toEqual({ failed: false, changed: mine.changes > 0, count: mine.changes });
    expect(after.replace(MARK, `# Updated by Ansible - ${TIME}`)).toBe(mine.changes > 0 ? mine.text : c.text);
  });
});
