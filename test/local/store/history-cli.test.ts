// The run store as a user meets it, through the built CLI: runs are recorded by default, `kplay history` lists
// and shows them, recording can be turned off three ways, a store that cannot be written never fails the run, and
// neither -e values, vault passwords nor what the vault decrypted reach the file.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'store');
const INVENTORY = join(FIXTURES, 'inventory.ini');
const KPLAY = join(ROOT, 'bin', 'kplay.js');

const newStore = () => join(mkdtempSync(join(tmpdir(), 'kplay-history-')), 'runs.sqlite');
const run = (store: string, playbook: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCommand(['node', KPLAY, 'run', '--no-live', '-i', INVENTORY, join(FIXTURES, playbook), ...args], { KPLAY_RUN_STORE: store, ...env });
const history = (store: string, ...args: string[]) => runCommand(['node', KPLAY, 'history', ...args], { KPLAY_RUN_STORE: store });

interface Listed {
  readonly id: string;
  readonly playbook: string;
  readonly status: string;
  readonly exitCode?: number;
  readonly failedHosts: number;
  readonly hostCount: number;
}

async function listed(store: string, ...args: string[]): Promise<Listed[]> {
  const r = await history(store, 'list', '--json', ...args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Listed[];
}

describe('kplay history', () => {
  it('lists the runs made, shows the failed one with who failed what, and the last failure of each host', async () => {
    const store = newStore();
    expect((await run(store, 'ok.yml')).code).toBe(0);
    const failed = await run(store, 'fails.yml');
    expect(failed.code).toBe(2);
    const runs = await listed(store);
    expect(runs.map((r) => [r.playbook.endsWith('fails.yml'), r.status, r.exitCode, r.hostCount, r.failedHosts])).toEqual([
      [true, 'failed', 2, 3, 1],
      [false, 'ok', 0, 3, 0],
    ]);
    const table = await history(store);
    expect(table.stdout).toMatch(/^RUN +STARTED +DURATION +STATUS +EXIT +HOSTS +FAILED +PLAYBOOK\n/);
    expect(table.stdout).toContain(runs[0]?.id.slice(0, 8));
    const shown = await history(store, 'show', runs[0]?.id.slice(0, 6) ?? '');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/status +failed \(exit code 2\)/);
    expect(shown.stdout).toMatch(/\nw2 +1 +1 +0 +1 +0 +0 +0\n/);
    expect(shown.stdout).toMatch(/FAILURES\nHOST +TASK +STATUS +MESSAGE\nw2 +check the disk +failed +disk full on w2\n/);
    const whole = JSON.parse((await history(store, 'show', 'last', '--json')).stdout) as { tasks: unknown[]; results: unknown[] };
    expect(whole.tasks).toHaveLength(3);
    expect(whole.results).toHaveLength(3 + 3 + 2);
    const failures = await history(store, 'failures', '--json');
    expect(JSON.parse(failures.stdout)).toMatchObject([{ host: 'w2', task: 'check the disk', msg: 'disk full on w2' }]);
    expect(await listed(store, '--status', 'ok')).toHaveLength(1);
    expect(await listed(store, '--playbook', 'fails')).toHaveLength(1);
    expect(await listed(store, '--since', '1h')).toHaveLength(2);
    expect(await listed(store, '--until', '2000-01-01')).toHaveLength(0);
    const host = await history(store, 'host', 'w2');
    expect(host.stdout).toContain('check the disk: disk full on w2');
  });

  it('kplay report writes one page of the failed run, with its failure in the embedded data', async () => {
    const store = newStore();
    await run(store, 'ok.yml');
    await run(store, 'fails.yml');
    const file = join(store, '..', 'report.html');
    const r = await runCommand(['node', KPLAY, 'report', 'last-failed', '--html', file], { KPLAY_RUN_STORE: store });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*report\.html: run \S+, failed, 3 hosts × 3 tasks\n$/);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('Content-Security-Policy');
    expect(page).toContain('disk full on w2');
    const missing = await runCommand(['node', KPLAY, 'report', 'nope', '--html', file], { KPLAY_RUN_STORE: store });
    expect([missing.code, missing.stderr]).toEqual([5, expect.stringContaining('run "nope": not in the run store')]);
  });

  it('refuses a bad filter or an unknown run with a clear error (exit 5), and says when nothing is recorded', async () => {
    const store = newStore();
    expect((await history(store)).stdout).toBe('no run recorded yet\n');
    await run(store, 'ok.yml');
    const status = await history(store, '--status', 'great');
    expect([status.code, status.stderr]).toEqual([5, expect.stringContaining('--status "great": one of running, ok, failed, interrupted, incomplete')]);
    const since = await history(store, '--since', 'yesterday');
    expect([since.code, since.stderr]).toEqual([5, expect.stringContaining('give a date')]);
    const unknown = await history(store, 'show', 'nope');
    expect([unknown.code, unknown.stderr]).toEqual([5, expect.stringContaining('run "nope": not in the run store')]);
  });

  it('records nothing with --no-record, KPLAY_RECORD=false or ansible.cfg [kplay] record = false; --store names another file', async () => {
    const store = newStore();
    expect((await run(store, 'ok.yml', ['--no-record'])).code).toBe(0);
    expect((await run(store, 'ok.yml', [], { KPLAY_RECORD: 'false' })).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cfg-'));
    writeFileSync(join(dir, 'ansible.cfg'), '[kplay]\nrecord = no\n');
    expect((await run(store, 'ok.yml', [], { ANSIBLE_CONFIG: join(dir, 'ansible.cfg') })).code).toBe(0);
    expect(await listed(store)).toEqual([]);
    const other = newStore();
    expect((await run(store, 'ok.yml', ['--store', other])).code).toBe(0);
    expect(await listed(store)).toEqual([]);
    expect(await listed(other)).toHaveLength(1);
  });

  it('a store that cannot be written: one warning, and the run does its work and exits as it would', async () => {
    const r = await run('/dev/null/runs.sqlite', 'fails.yml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[WARNING\]: run store \/dev\/null\/runs\.sqlite: cannot open it .*; this run is not recorded/);
    expect(r.stdout).toContain('PLAY RECAP');
  });

  it('never writes -e values or the vault password to the store', async () => {
    const store = newStore();
    const password = join(ROOT, 'test', 'fixtures', 'runner', 'vault', 'password');
    const r = await run(store, 'ok.yml', ['-e', 'password=s3cretValue42', '--vault-password-file', password]);
    expect(r.code, r.stderr).toBe(0);
    const [recorded] = await listed(store);
    const shown = JSON.parse((await history(store, 'show', recorded?.id ?? '', '--json')).stdout) as { commandLine: string[] };
    expect(shown.commandLine).toContain('password=********');
    const vaultPassword = readFileSync(password, 'utf8').trim();
    const dir = join(store, '..');
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(vaultPassword), `${file} holds the vault password`).toBe(false);
      expect(bytes.includes('s3cretValue42'), `${file} holds the -e value`).toBe(false);
    }
  });

  it('never writes what the vault decrypted, though debug printed it: a vaulted vars file, !vault values, group_vars', async () => {
    const store = newStore();
    const runner = join(ROOT, 'test', 'fixtures', 'runner');
    const r = await runCommand(
      ['node', KPLAY, 'run', '--no-live', '-i', join(runner, 'vault_inventory', 'hosts.ini'), join(runner, 'vault.yml'),
        '--vault-id', `prod@${join(runner, 'vault', 'prod-password')}`, '--vault-password-file', join(runner, 'vault', 'password'),
        '-e', `dir=${mkdtempSync(join(tmpdir(), 'kplay-vault-copy-'))}`],
      { KPLAY_RUN_STORE: store },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // the run showed them (as Ansible's debug does): the store must not keep them
    for (const secret of ['from-vault-file', 'inline-in-play']) expect(r.stdout).toContain(secret);
    const [recorded] = await listed(store);
    expect(recorded?.status).toBe('ok');
    const dir = join(store, '..');
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of ['from-vault-file', 'inline-in-play']) expect(bytes.includes(secret), `${file} holds ${secret}`).toBe(false);
    }
    // what was stored keeps its place with the secret hidden: `cat` of the copied (decrypted) vault file
    const shown = JSON.parse((await history(store, 'show', recorded?.id ?? '', '--json')).stdout) as { results: { msg?: string; stdout?: string }[] };
    const cat = shown.results.find((x) => x.msg?.startsWith('run cat ') === true);
    expect(cat?.stdout).toBe('********');
  });

  it("never writes a `!vault` variable's plaintext to the store, though a task echoed it to its stored stdout", async () => {
    const store = newStore();
    const password = join(ROOT, 'test', 'fixtures', 'runner', 'vault', 'password');
    const r = await run(store, 'vault-debug.yml', ['--vault-password-file', password]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the token is inline-in-play');
    const db = new Database(store, { readonly: true });
    const stdouts = db.prepare('SELECT stdout FROM results WHERE stdout IS NOT NULL').pluck().all();
    db.close();
    expect(stdouts).toEqual(['the token is ********', 'the token is ********', 'the token is ********']);
    const dir = join(store, '..');
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes('inline-in-play'), `${file} holds the plaintext`).toBe(false);
  });
});
