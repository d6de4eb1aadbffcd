// loadPlaybook's model: what the runner receives from valid playbooks (roles first, imports expanded, free form).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Command } from 'commander';
import { loadPlaybook, loadTasksFile } from '../../../engine/playbook/index.js';
import type { Block, Handler, Task, TaskNode } from '../../../engine/playbook/model.js';
import { registerValidateCommand } from '../../../cli/validate.js';
import { YamlFiles } from '../../../engine/yaml/load.js';

const CORPUS = join(import.meta.dirname, '../../corpus/playbooks');

const asTask = (n: TaskNode | undefined): Task => {
  if (n?.kind !== 'task') throw new Error(`expected a task, got ${n?.kind}`);
  return n;
};
const asBlock = (n: TaskNode | undefined): Block => {
  if (n?.kind !== 'block') throw new Error(`expected a block, got ${n?.kind}`);
  return n;
};

describe('valid-everything.yml', async () => {
  const file = join(CORPUS, 'valid-everything.yml');
  const pb = await loadPlaybook(file);
  const play = pb.plays[0];
  if (!play) throw new Error('no play');

  test('play keywords', () => {
    expect(play).toMatchObject({ name: 'Everything', hosts: 'all', gatherFacts: false, become: true, serial: [1, '50%'], strategy: 'free', maxFailPercentage: 20 });
    expect(play.loc).toEqual({ file, line: 3, col: 3 });
    expect(play.baseDir).toBe(CORPUS);
  });

  test('free form: module parameters are taken out, the rest is the free-form parameter', () => {
    const t = asTask(play.tasks[0]);
    expect(t).toMatchObject({ module: 'command', moduleAs: 'command', args: { cmd: 'ls -l /tmp', chdir: '/' }, register: 'listing' });
    expect(t.changedWhen).toEqual([{ literal: false, loc: { file, line: 22, col: 21 } }]);
  });

  test('args: joins the module arguments; merge keys and octal modes arrive as Ansible reads them', () => {
    expect(asTask(play.tasks[1]).args).toEqual({ cmd: 'echo "{{ inventory_hostname }}" > /tmp/name', creates: '/tmp/name' });
    expect(asTask(play.tasks[2]).args).toEqual({ path: '/tmp/x', state: 'touch', mode: 420, owner: 'root' });
  });

  test('loops: loop with loop_control; with_items is the items lookup over its terms (flattened when it runs)', () => {
    const loop = asTask(play.tasks[3]);
    expect(loop.loop).toBe('{{ pkgs }}');
    expect(loop.loopControl).toEqual({ loopVar: 'item', label: '{{ item }}', indexVar: 'i', pause: undefined });
    expect(asTask(play.tasks[4])).toMatchObject({ loop: ['a', ['b', 'c']], loopWith: 'items' });
  });

  test('blocks keep rescue and always; aliases and the ansible.builtin. prefix resolve', () => {
    const b = asBlock(play.tasks[5]);
    expect(b.tags).toEqual(['packages']);
    expect(b.when.map((c) => ('expr' in c ? c.expr : c.literal))).toEqual(['ansible_os_family == "RedHat"']);
    expect(asTask(b.block[0])).toMatchObject({ module: 'yum', moduleAs: 'ansible.builtin.yum', notify: ['restart libvirtd'] });
    expect(b.rescue).toHaveLength(1);
    expect(b.always).toHaveLength(1);
  });

  test('retries, until, flags, environment; key=value free form of a module without free-form text', () => {
    expect(asTask(play.tasks[6])).toMatchObject({ retries: 3, delay: 1, ignoreErrors: true, noLog: true, timeout: 30, environment: [{ LANG: 'C' }] });
    expect(asTask(play.tasks[6]).until?.[0]).toMatchObject({ expr: 'r.rc == 0' });
    expect(asTask(play.tasks[7]).args).toEqual({ name: 'libvirtd', state: 'started', enabled: 'yes' });
  });

  test('delegate_to and delegate_facts; local_action names its module and runs on localhost', () => {
    expect(asTask(play.tasks[8])).toMatchObject({ delegateTo: "{{ groups['all'][0] }}", delegateFacts: true, module: 'command' });
    expect(asTask(play.tasks[9])).toMatchObject({ module: 'command', moduleAs: 'command', delegateTo: 'localhost', args: { cmd: 'echo local', chdir: '/tmp' } });
    expect(asTask(play.tasks[10])).toMatchObject({ module: 'copy', delegateTo: 'localhost', args: { content: 'x', dest: '/tmp/x' } });
    expect(asBlock(play.tasks[11]).delegateTo).toBe('localhost');
  });

  test('handlers answer to their name and their listen topics', () => {
    expect(play.handlers.map((h: Handler) => h.listen)).toEqual([['restart libvirtd'], ['listener', 'topic one']]);
    expect(play.preTasks.map((t) => asTask(t).module)).toEqual(['ping']);
  });
});

describe('valid-roles-imports', async () => {
  const dir = join(CORPUS, 'valid-roles-imports');
  const pb = await loadPlaybook(join(dir, 'playbook.yml'));
  const [play, second] = pb.plays;
  if (!play || !second) throw new Error('two plays expected');

  test('role tasks come first, one block per role, with the role tags, keywords, parameters and directory', () => {
    const [common, web, imported, include] = play.tasks;
    expect(asBlock(common)).toMatchObject({ role: 'common', baseDir: join(dir, 'roles/common'), tags: [] });
    expect(asBlock(web)).toMatchObject({ role: 'web', baseDir: join(dir, 'roles/web'), tags: ['web'], become: true, vars: {}, roleLayers: { params: { site_port: 8080 } } });
    expect(asTask(asBlock(web).block[0])).toMatchObject({ module: 'template', role: 'web', baseDir: join(dir, 'roles/web') });
    // import_tasks is expanded now; its tags reach each task through a block
    expect(asBlock(imported).tags).toEqual(['extra']);
    expect(asTask(asBlock(imported).block[0]).args).toEqual({ msg: 'extra' });
    // include_tasks is read at run time
    expect(include).toMatchObject({ kind: 'include', file: 'tasks/{{ flavour }}.yml', baseDir: dir });
  });

  test('role defaults and vars, role handlers, vars_files, import_playbook', () => {
    expect(play.roleDefaults).toEqual({ common_x: 1 });
    expect(play.roleVars).toEqual({ web_port: 80 });
    expect(play.handlers.map((h) => h.name)).toEqual(['reload web']);
    expect(play.varsFiles).toEqual([{ flavour: 'plain' }]);
    expect(play.hosts).toBe('web:&prod');
    expect(second.hosts).toBe('localhost');
  });

  test('loadTasksFile reads what include_tasks names at run time', () => {
    const tasks = loadTasksFile(join(dir, 'tasks/plain.yml'), new YamlFiles(), dir, undefined);
    expect(tasks.map((t) => asTask(t).args)).toEqual([{ msg: 'plain' }]);
  });
});

describe('valid-role-tasks: import_role, include_role, include_vars', async () => {
  const dir = join(CORPUS, 'valid-role-tasks');
  const pb = await loadPlaybook(join(dir, 'playbook.yml'));
  const play = pb.plays[0];
  if (!play) throw new Error('no play');
  const [imported, included, looped, vars, named] = play.tasks;

  test('import_role: the role block (with its defaults and vars) inside a block carrying the import keywords', () => {
    const outer = asBlock(imported);
    expect(outer.tags).toEqual(['app']);
    expect(outer.when.map((c) => ('expr' in c ? c.expr : c.literal))).toEqual(['run_app | default(true)']);
    const role = asBlock(outer.block[0]);
    expect(role).toMatchObject({ role: 'app', baseDir: join(dir, 'roles/app'), roleLayers: { defaults: { app_port: 80 }, vars: { app_user: 'app' } } });
    expect(asTask(role.block[0])).toMatchObject({ name: 'app main', role: 'app', notify: ['restart app'] });
  });

  test('an imported role\'s defaults and vars are the play\'s; its handlers join once however often the role comes in', () => {
    expect(play.roleDefaults).toEqual({ app_port: 80 });
    expect(play.roleVars).toEqual({ app_user: 'app' });
    expect(play.handlers.map((h) => h.name)).toEqual(['restart app']);
  });

  test('include_role: key=value text or a mapping; from files, public, apply and loop kept for the run', () => {
    expect(included).toMatchObject({ kind: 'include_role', roleName: 'app', from: { tasks: 'setup', vars: 'custom.yml' }, public: false, apply: undefined });
    expect(looped).toMatchObject({ kind: 'include_role', roleName: '{{ item }}', public: true, loop: ['app'], apply: { kind: 'block', tags: ['applied'], become: true } });
  });

  test('include_vars is a module task: free form and file/name', () => {
    expect(asTask(vars)).toMatchObject({ module: 'include_vars', args: { file: 'app.yml' } });
    expect(asTask(named)).toMatchObject({ module: 'include_vars', args: { file: 'vars/app.yml', name: 'bag' } });
  });
});

test('the shipped kvm-host playbook validates', async () => {
  const pb = await loadPlaybook(join(import.meta.dirname, '../../../playbooks/kvm-host.yml'));
  expect(pb.plays).toHaveLength(1);
  expect(asBlock(pb.plays[0]?.tasks[0]).role).toBe('kvm_host');
});

describe('kplay validate', () => {
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const program = new Command('kplay').exitOverride();
    registerValidateCommand(program);
    let out = '';
    let err = '';
    const w1 = process.stdout.write.bind(process.stdout);
    const w2 = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => ((out += s), true));
    process.stderr.write = ((s: string) => ((err += s), true));
    process.exitCode = 0;
    try {
      await program.parseAsync(['node', 'kplay', 'validate', ...args]);
    } finally {
      process.stdout.write = w1;
      process.stderr.write = w2;
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { code, out, err };
  }

  test('a valid playbook: exit 0, "playbook OK"', async () => {
    const r = await run([join(CORPUS, 'valid-everything.yml'), '-i', 'localhost,']);
    expect(r).toEqual({ code: 0, out: 'playbook OK\n', err: '' });
  });

  test('a broken playbook: exit 5, every problem with file:line:col and a code frame', async () => {
    const file = join(CORPUS, 'many-problems.yml');
    const r = await run([file, '-i', 'localhost,']);
    expect(r.code).toBe(5);
    expect(r.out).toBe('');
    for (const at of ['8:7', '12:16', '15:15']) expect(r.err).toContain(`${file}:${at}: `);
    // the notify of no handler is a warning (Ansible stops only when a changed task sends it), before the errors
    expect(r.err).toContain(`WARNING: ${file}:15:15: notify "nobody"`);
    expect(r.err).toContain('2 problems found; nothing was run.');
    expect(r.err).toMatch(/ {2}12 \| {9}state: latst\n {5}\| {16}\^/);
  });
});

describe('free-form text keeps what was written between its words', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'kplay-freeform-'));
  const file = join(dir, 'p.yml');
  writeFileSync(
    file,
    [
      '- hosts: all',
      '  tasks:',
      '    - shell: |',
      '        if true; then',
      '          echo "a  b"',
      '        fi',
      '    - shell: echo  x   chdir=/tmp   && pwd',
      '    - command: "a\\nchdir=/tmp\\nb"',
      '',
    ].join('\n'),
  );
  const pb = await loadPlaybook(file);
  const tasks = pb.plays[0]?.tasks ?? [];

  // the expected values are what Ansible's parse_kv(check_raw=True) returns for the same text
  test.each([
    [0, { cmd: 'if true; then\n  echo "a  b"\nfi' }],
    [1, { cmd: 'echo  x   && pwd', chdir: '/tmp' }],
    [2, { cmd: 'a\nb', chdir: '/tmp' }],
  ])('task %i', (i, args) => {
    expect(asTask(tasks[i]).args).toEqual(args);
  });
});

test('a play\'s `user:` is its remote_user (the old name Ansible still reads)', async () => {
  const pb = await loadPlaybook(join(CORPUS, 'play-user-old-name.yml'));
  expect(pb.plays[0]?.remoteUser).toBe('deploy');
});

test('notify on import_tasks and import_role reaches the imported tasks (a block notify), as Ansible inherits it', async () => {
  const pb = await loadPlaybook(join(CORPUS, 'import-ignored-keywords', 'playbook.yml'));
  const [role, tasks] = pb.plays[0]?.tasks ?? [];
  expect(asBlock(tasks).notify).toEqual(['Build db']);
  expect(asBlock(role).notify).toBeUndefined();
});

test('an include written with its full name keeps it, as Ansible titles an unnamed include with the action as written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-include-fqcn-'));
  const file = join(dir, 'pb.yml');
  writeFileSync(
    file,
    [
      '- hosts: all',
      '  tasks:',
      '    - ansible.builtin.include_tasks: "{{ f }}.yml"',
      '    - include_tasks: "{{ f }}.yml"',
      '    - ansible.builtin.include_role: { name: "{{ r }}" }',
      '    - include_role: { name: "{{ r }}" }',
      '',
    ].join('\n'),
  );
  try {
    const pb = await loadPlaybook(file);
    expect(pb.plays[0]?.tasks.map((t) => ('actionAs' in t ? t.actionAs : undefined))).toEqual(['ansible.builtin.include_tasks', undefined, 'ansible.builtin.include_role', undefined]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a role found through a symlinked roles/ has its real directory, as Ansible's unfrackpath gives role_path", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-role-link-'));
  mkdirSync(join(dir, 'shared', 'web', 'tasks'), { recursive: true });
  writeFileSync(join(dir, 'shared', 'web', 'tasks', 'main.yml'), '- debug: { msg: hi }\n');
  symlinkSync(join(dir, 'shared'), join(dir, 'roles'));
  writeFileSync(join(dir, 'pb.yml'), '- hosts: all\n  roles: [web]\n');
  try {
    const pb = await loadPlaybook(join(dir, 'pb.yml'));
    const [role] = pb.plays[0]?.tasks ?? [];
    expect(asTask(asBlock(role).block[0]).baseDir).toBe(join(realpathSync(dir), 'shared', 'web'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
