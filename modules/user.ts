// user: local accounts through useradd/usermod/userdel, as Ansible's user module on Linux. The password (a hash)
// reaches the host on chpasswd's stdin, never on a command line, and is compared by digest: it is never printed.
import { Type } from '@sinclair/typebox';
import { sh, shellJoin } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { hashDigest, parseUserState, userProbe, type UserState } from './support/user-state.js';

const params = Type.Object({
  name: Type.Optional(operand('Name of the user to create, remove or modify.')),
  user: Type.Optional(aliasOf('name', operand('Alias of name.'))),
  state: choice(['present', 'absent'], { description: 'Whether the account should exist.', default: 'present' }),
  uid: Type.Optional(Type.Integer({ description: 'The user ID.', minimum: 0 })),
  group: Type.Optional(operand("The user's primary group (a name or a gid); it must exist.")),
  groups: Type.Optional(Type.Array(operand('A group name.'), { description: "Supplementary groups (a list or comma-separated); '' or [] removes all (unless append)." })),
  append: Type.Boolean({ description: 'Add the user to groups without removing it from the others.', default: false }),
  shell: Type.Optional(Type.String({ description: "The user's login shell." })),
  home: Type.Optional(Type.String({ description: "The user's home directory." })),
  create_home: Type.Optional(Type.Boolean({ description: 'Create the home directory when the user is created (useradd -m; false: -M). Default true.' })),
  createhome: Type.Optional(aliasOf('create_home', Type.Boolean({ description: 'Alias of create_home.' }))),
  skeleton: Type.Optional(Type.String({ description: 'With create_home, the directory whose files a new home gets (useradd -k); default /etc/skel.' })),
  move_home: Type.Boolean({ description: 'When home changes, move the contents of the old home (usermod -m).', default: false }),
  system: Type.Boolean({ description: 'Create a system account (only when the user is created).', default: false }),
  comment: Type.Optional(Type.String({ description: 'The GECOS field (full name).' })),
  password: Type.Optional(Type.String({ description: 'The password as a crypt(3) hash (e.g. from password_hash), never in clear text. Never printed.' })),
  expires: Type.Optional(Type.Number({ description: 'When the account expires, in seconds since 1970 (only the day counts); a negative number removes the expiry.' })),
  password_lock: Type.Optional(Type.Boolean({ description: 'Lock (true: usermod -L) or unlock (false: usermod -U) the password.' })),
  password_expire_min: Type.Optional(Type.Integer({ description: 'Minimum days between password changes (chage -m).' })),
  password_expire_max: Type.Optional(Type.Integer({ description: 'Maximum days a password stays valid (chage -M).' })),
  password_expire_warn: Type.Optional(Type.Integer({ description: 'Days of warning before a password expires (chage -W).' })),
  update_password: choice(['always', 'on_create'], { description: 'always: set password when it differs; on_create: only for new users.', default: 'always' }),
  remove: Type.Boolean({ description: 'With state absent: also remove the home directory and mail spool (userdel -r).', default: false }),
  force: Type.Boolean({ description: 'With state absent: remove even when the user is logged in (userdel -f).', default: false }),
  non_unique: Type.Boolean({ description: 'Allow a uid that another user has (-o).', default: false }),
  generate_ssh_key: Type.Boolean({ description: 'Generate an SSH key pair for the user when it has none.', default: false }),
  ssh_key_type: Type.String({ description: 'The type of key to generate.', default: 'rsa' }),
  ssh_key_bits: Type.Optional(Type.Integer({ description: 'Bits of the key to generate (ssh-keygen -b).', minimum: 1 })),
  ssh_key_file: Type.String({ description: 'The key file, relative to the home directory unless absolute.', default: '.ssh/id_rsa' }),
  ssh_key_comment: Type.Optional(Type.String({ description: 'The key comment (default: ansible-generated on HOSTNAME).' })),
  ssh_key_passphrase: Type.Optional(Type.String({ description: 'The passphrase of the generated key. Never printed.' })),
});

type Params = Omit<typeof params.static, 'name' | 'create_home'> & { readonly name: string; readonly create_home: boolean };

/** The parameters with their aliases resolved (the engine leaves aliases to the module). */
function resolved(raw: typeof params.static): Params {
  return { ...raw, name: raw.name ?? raw.user ?? '', create_home: raw.create_home ?? raw.createhome ?? true };
}

export const userModule = defineModule({
  name: 'user',
  short: 'Manage user accounts (useradd, usermod, userdel), their groups, password hash and SSH key',
  examples: `- name: A deploy account in wheel, with a key pair
  user:
    name: deploy
    shell: /bin/bash
    groups: wheel
    append: true
    generate_ssh_key: true

- name: Remove an old account and its home
  user: { name: olduser, state: absent, remove: true }
`,
  params,
  requiredOneOf: [['name', 'user']],
  mutuallyExclusive: [['name', 'user']],
  probe(raw) {
    const p = resolved(raw);
    const wanted = [...(p.group === undefined ? [] : [p.group]), ...(p.groups ?? []).filter((g) => g !== '')];
    const present = p.state === 'present';
    const keyFile = p.generate_ssh_key && present ? p.ssh_key_file : undefined;
    const home = p.create_home && present ? (p.home ?? '') : undefined;
    return { state: userProbe(p.name, wanted, { keyFile, home }, p.home ?? `/home/${p.name}`) };
  },
  plan(raw, observed) {
    const p = resolved(raw);
    for (const [k, v] of [['name', p.name], ['comment', p.comment ?? ''], ['shell', p.shell ?? ''], ['home', p.home ?? '']] as const) {
      if (/[:\n]/.test(v)) return { kind: 'fail', msg: `${k} must not contain ':' or a newline (they separate /etc/passwd's fields)` };
    }
    if (p.password !== undefined && /[:\n]/.test(p.password)) return { kind: 'fail', msg: 'password must be a crypt(3) hash: it cannot contain ":" or a newline' };
    const s = parseUserState(observed.state);
    if (p.state === 'absent') {
      if (s.passwd === undefined) return { kind: 'ok', reason: `user ${p.name} does not exist`, data: { name: p.name, state: 'absent' } };
      const flags = [...(p.remove ? ['-r'] : []), ...(p.force ? ['-f'] : [])];
      const step: Step = { cmd: shellJoin(['userdel', ...flags, '--', p.name]), describe: `remove user ${p.name}` };
      return { kind: 'change', summary: `remove user ${p.name}`, steps: [step], data: { name: p.name, state: 'absent', force: p.force, remove: p.remove } };
    }
    const missing = [...(p.group === undefined ? [] : [p.group]), ...(p.groups ?? [])].filter((g) => g !== '' && !hasGroup(s, g));
    if (missing.length > 0) {
      // an earlier group task of the run may create it: check mode then predicts the change
      const would = s.passwd === undefined ? `create user ${p.name}` : `change user ${p.name}`;
      return { kind: 'fail', msg: `Group ${missing.join(', ')} does not exist`, missingPrerequisite: `${would} (group ${missing.join(', ')} is not created yet)` };
    }
    const steps = s.passwd === undefined ? createSteps(p) : modifySteps(p, s);
    const passwordStep = planPassword(p, s);
    if (passwordStep !== undefined) steps.push(passwordStep);
    const agingStep = planAging(p, s);
    if (agingStep !== undefined) steps.push(agingStep);
    const homeStep = s.passwd !== undefined && homeMissing(p, s) ? createHomeStep(p) : undefined;
    if (homeStep !== undefined) steps.push(homeStep);
    const keyStep = p.generate_ssh_key && !s.keyExists ? keygenStep(p) : undefined;
    if (keyStep !== undefined) steps.push(keyStep);
    const data = resultData(p, s);
    if (steps.length === 0) return { kind: 'ok', reason: `user ${p.name} is as wanted`, data };
    return { kind: 'change', summary: steps.map((x) => x.describe).join(', '), steps, data };
  },
  finish(_p, outputs) {
    const key = outputs.find((o) => o.step.describe.startsWith('generate an SSH key'));
    return key === undefined ? {} : { data: { ssh_public_key: key.stdout.trim().split('\n').pop() ?? '' } };
  },
});

function hasGroup(s: UserState, g: string): boolean {
  return s.groups.has(g) || (/^\d+$/.test(g) && [...s.groups.values()].includes(Number(g)));
}

function createSteps(p: Params): Step[] {
  const args: (string | number)[] = [];
  if (p.uid !== undefined) args.push('-u', p.uid, ...(p.non_unique ? ['-o'] : []));
  if (p.group !== undefined) args.push('-g', p.group);
  const groups = (p.groups ?? []).filter((g) => g !== '');
  if (groups.length > 0) args.push('-G', groups.join(','));
  if (p.comment !== undefined) args.push('-c', p.comment);
  if (p.home !== undefined) args.push('-d', p.home);
  if (p.shell !== undefined) args.push('-s', p.shell);
  if (p.expires !== undefined) args.push('-e', expiryDate(p.expires));
  if (p.system) args.push('-r');
  // as Ansible: the skeleton only with a home created (useradd refuses -k without -m)
  args.push(...(p.create_home ? ['-m', ...(p.skeleton === undefined ? [] : ['-k', p.skeleton])] : ['-M']));
  return [{ cmd: shellJoin(['useradd', ...args, '--', p.name]), describe: `create user ${p.name}` }];
}

function modifySteps(p: Params, s: UserState): Step[] {
  const cur = s.passwd;
  if (cur === undefined) return [];
  const args: (string | number)[] = [];
  const what: string[] = [];
  const change = (field: string, ...more: (string | number)[]): void => {
    args.push(...more);
    what.push(field);
  };
  if (p.uid !== undefined && p.uid !== cur.uid) change('uid', '-u', p.uid, ...(p.non_unique ? ['-o'] : []));
  if (p.group !== undefined) {
    const gid = /^\d+$/.test(p.group) ? Number(p.group) : s.groups.get(p.group);
    if (gid !== cur.gid) change('group', '-g', p.group);
  }
  if (p.groups !== undefined) {
    // as Ansible: the groups whose member list names the user against the list asked for (the primary group too)
    const wanted = new Set(p.groups.filter((g) => g !== ''));
    const current = new Set(s.memberOf);
    const toAdd = [...wanted].filter((g) => !current.has(g));
    const extra = [...current].filter((g) => !wanted.has(g));
    if (toAdd.length > 0 || (!p.append && extra.length > 0)) change('groups', ...(p.append ? ['-a'] : []), '-G', [...wanted].join(','));
  }
  if (p.comment !== undefined && p.comment !== cur.comment) change('comment', '-c', p.comment);
  if (p.home !== undefined && p.home !== cur.home) change('home', '-d', p.home, ...(p.move_home ? ['-m'] : []));
  if (p.shell !== undefined && p.shell !== cur.shell) change('shell', '-s', p.shell);
  if (p.expires !== undefined) {
    const want = expiryDate(p.expires);
    // as Ansible: only the day counts; no expiry wanted and none set is as wanted
    if (want === '' ? s.expires >= 0 : s.expires < 0 || expiryDate(s.expires * 86400) !== want) change('expiry', '-e', want);
  }
  // a password being set carries the lock itself (chpasswd with '!'), as Ansible drops -L/-U then
  const settingPassword = planPassword(p, s) !== undefined;
  if (p.password_lock === true && !s.locked && !settingPassword) change('lock', '-L');
  if (p.password_lock === false && s.locked && !settingPassword) change('unlock', '-U');
  if (args.length === 0) return [];
  return [{ cmd: shellJoin(['usermod', ...args, '--', p.name]), describe: `change ${what.join(', ')} of user ${p.name}` }];
}

/** chage for the password aging days that differ from /etc/shadow's (a new user: all those asked for). */
function planAging(p: Params, s: UserState): Step | undefined {
  const wanted: [string, number | undefined, number | undefined][] = [
    ['-m', p.password_expire_min, s.aging?.min],
    ['-M', p.password_expire_max, s.aging?.max],
    ['-W', p.password_expire_warn, s.aging?.warn],
  ];
  const args = wanted.filter(([, want, cur]) => want !== undefined && (s.passwd === undefined || want !== cur)).flatMap(([flag, want]) => [flag, want ?? 0]);
  if (args.length === 0) return undefined;
  return { cmd: shellJoin(['chage', ...args, '--', p.name]), describe: `set the password aging of user ${p.name}` };
}

function planPassword(p: Params, s: UserState): Step | undefined {
  if (p.password === undefined) return undefined;
  if (s.passwd !== undefined && p.update_password === 'on_create') return undefined;
  if (s.passwd !== undefined && hashDigest(p.password) === s.hashDigest) return undefined;
  const hash = p.password_lock === true ? `!${p.password.replace(/^!+/, '')}` : p.password;
  return { cmd: 'chpasswd -e', stdin: `${p.name}:${hash}\n`, describe: `set the password of user ${p.name}` };
}

/** usermod/useradd's -e: the day (UTC) of a time in seconds since 1970, or '' (no expiry) for a negative one. */
function expiryDate(seconds: number): string {
  if (seconds < 0) return '';
  return new Date(Math.floor(seconds) * 1000).toISOString().slice(0, 10);
}

/**
 * An existing user's home that is missing after the changes, as Ansible sees it (it creates one then, even for a
 * system account's /nonexistent): the home asked for, or the passwd entry's, unless usermod -m moves the old one there.
 */
function homeMissing(p: Params, s: UserState): boolean {
  if (!p.create_home || s.homeExists.wanted) return false;
  const moving = p.home !== undefined && p.home !== s.passwd?.home && p.move_home && s.homeExists.current;
  return !moving;
}

/**
 * Ansible's create_homedir: a copy of the skeleton (or an empty directory without one), its mode 0777 less the UMASK
 * of /etc/login.defs, then owned by the user throughout.
 */
function createHomeStep(p: Params): Step {
  const cmd = [
    p.home === undefined ? sh`h=$(getent passwd -- ${p.name} | cut -d: -f6)` : sh`h=${p.home}`,
    sh`sk=${p.skeleton ?? '/etc/skel'}`,
    "um=$(sed -n 's/^UMASK[[:space:]]\\{1,\\}\\([0-7]\\{1,\\}\\)$/\\1/p' /etc/login.defs 2>/dev/null | tail -n 1)",
    'mkdir -p -- "$(dirname -- "$h")" && { if [ -e "$sk" ]; then cp -a -- "$sk" "$h"; else mkdir -- "$h"; fi; } &&',
    '  { [ -z "$um" ] || chmod "$(printf \'%o\' $((0777 & ~0$um)))" -- "$h"; } &&',
    sh`  chown -R -- "$(getent passwd -- ${p.name} | cut -d: -f3,4)" "$h"`,
  ].join('\n');
  return { cmd, describe: `create the missing home directory of user ${p.name}` };
}

function keygenStep(p: Params): Step {
  const args: (string | number)[] = ['-q', '-t', p.ssh_key_type, ...(p.ssh_key_bits === undefined ? [] : ['-b', p.ssh_key_bits])];
  const comment = p.ssh_key_comment === undefined ? '-C "ansible-generated on $(hostname)"' : sh`-C ${p.ssh_key_comment}`;
  // a relative key file is under the home of the passwd entry (the user may have just been created)
  const file = p.ssh_key_file.startsWith('/') ? sh`${p.ssh_key_file}` : sh`"$h"/${p.ssh_key_file}`;
  const cmd = [
    sh`h=$(getent passwd -- ${p.name} | cut -d: -f6); [ -n "$h" ] || h=${p.home ?? `/home/${p.name}`}`,
    `f=${file}; d=$(dirname -- "$f")`,
    sh`if [ ! -d "$d" ]; then mkdir -p -- "$d" && chmod 700 -- "$d" && chown -- ${p.name}: "$d"; fi`,
    // the passphrase (empty by default) comes on stdin, never on the command line
    `${shellJoin(['ssh-keygen', ...args])} ${comment} -N "$(cat)" -f "$f" && ` + sh`chown -- ${p.name}: "$f" "$f.pub" && cat -- "$f.pub"`,
  ].join('\n');
  return { cmd, stdin: p.ssh_key_passphrase ?? '', describe: `generate an SSH key for user ${p.name}` };
}

function resultData(p: Params, s: UserState): Record<string, unknown> {
  const cur = s.passwd;
  return {
    name: p.name,
    state: 'present',
    uid: p.uid ?? cur?.uid,
    group: cur?.gid,
    groups: p.groups?.join(','),
    comment: p.comment ?? cur?.comment,
    home: p.home ?? cur?.home ?? `/home/${p.name}`,
    shell: p.shell ?? cur?.shell,
    system: p.system,
    create_home: p.create_home,
    move_home: p.move_home,
    append: p.append,
    ...(p.password === undefined ? {} : { password: 'NOT_LOGGING_PASSWORD' }),
    ...(p.generate_ssh_key ? { ssh_key_file: p.ssh_key_file.startsWith('/') ? p.ssh_key_file : `${cur?.home ?? p.home ?? `/home/${p.name}`}/${p.ssh_key_file}`, ssh_public_key: s.publicKey } : {}),
  };
}
