// Faults on real hosts (issue [7] points 1 and 7): sshd killed, host powered off, a silent TCP listener, a task
// timeout, a slow host, and sshd's default MaxSessions/MaxStartups with 200 inventory aliases of one host.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../lab/index.js';
import { sh } from '../../engine/core/quote.js';
import { ROOT, runCommand, type CliResult } from './support/cli.js';
import { inHost, sshdPid, startSshd } from './support/extra-sshd.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';

const LAB = 'faults';

/** A hung kplay fails the test after this long instead of holding the suite (no fault here needs a minute). */
const HANG_LIMIT_MS = 120_000;

interface Run {
  readonly code: number;
  readonly seconds: number;
  readonly stderr: string;
  readonly events: readonly Record<string, unknown>[];
  readonly recap: Readonly<Record<string, Record<string, number>>>;
}

async function run(...args: string[]): Promise<Run> {
  const started = Date.now();
  const r: CliResult = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'run', '--json', ...args], {}, HANG_LIMIT_MS);
  const seconds = (Date.now() - started) / 1000;
  const events = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const recap = (events.find((e) => e.event === 'recap') as { hosts?: Record<string, Record<string, number>> } | undefined)?.hosts ?? {};
  return { code: r.code, seconds, stderr: r.stderr, events, recap };
}

/** What every faulty run must show: it ended by itself (no kill by the hang limit), with nothing unhandled. */
function expectCleanEnd(r: Run): void {
  expect(r.seconds * 1000, 'kplay hung and was killed').toBeLessThan(HANG_LIMIT_MS - 1000);
  expect(r.stderr).not.toMatch(/unhandled|internal error|uncaught/i);
  expect(r.events.at(-1)?.event).toBe('run_end');
}

/** The host_result events of one host. */
const resultsOf = (r: Run, host: string): Record<string, unknown>[] => r.events.filter((e) => e.event === 'host_result' && e.host === host);

/** How long the engine took to call the host unreachable (its unreachable result's duration). */
function unreachableAfterSeconds(r: Run, host: string): number {
  const u = resultsOf(r, host).find((e) => e.status === 'unreachable');
  expect(u, `${host} has an unreachable result`).toBeDefined();
  const s = Number(u?.duration_ms) / 1000;
  measured(`${host} unreachable after`, s);
  return s;
}

/** Measured times, printed for docs/reliability.md. */
function measured(what: string, seconds: number): void {
  console.info(`measured: ${what} ${seconds.toFixed(2)} s`);
}

function playbook(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const sleeps = (n: number): string => Array.from({ length: n }, (_, i) => `    - name: sleep ${i + 1}\n      command: sleep 1\n`).join('');

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('faults on a light lab', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-faults-'));
  const info = useLab({ name: LAB, count: 5, kind: 'light', cleanup: () => rmSync(tmp, { recursive: true, force: true }), teardownTimeout: 900_000 });
  const target = (host: string): { address: string; keyPath: string; knownHosts: string } => {
    const h = info.hosts.find((x) => x.name === host);
    if (!h) throw new Error(`no ${host}`);
    return { address: h.address, keyPath: info.keyPath, knownHosts: info.knownHosts };
  };

  it('a TCP listener that never speaks SSH: unreachable after the connect timeout (10 s), the others ok, exit 4', async () => {
    const held: Socket[] = [];
    const server: Server = createServer((s) => {
      held.push(s); // accept, then say nothing
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const inv = join(tmp, 'silent.ini');
      writeFileSync(inv, `[silent]\nmute ansible_host=127.0.0.1 ansible_port=${port} ansible_user=root ansible_ssh_private_key_file=${info.keyPath}\n`);
      const play = playbook(tmp, 'silent.yml', `- hosts: all\n  gather_facts: false\n  tasks:\n${sleeps(2)}`);
      const r = await run(play, '-i', info.inventory, '-i', inv, '-l', 'h1,h5,mute');
      expectCleanEnd(r);
      expect(r.code).toBe(4);
      expect(r.recap.mute).toMatchObject({ unreachable: 1, ok: 0 });
      for (const h of ['h1', 'h5']) expect(r.recap[h]).toMatchObject({ ok: 2, failed: 0, unreachable: 0 });
      const detected = unreachableAfterSeconds(r, 'mute');
      expect(detected).toBeGreaterThanOrEqual(9.5); // the documented connect timeout, not earlier...
      expect(detected).toBeLessThan(15); // ...and not retried (a timeout is never retried)
      expect(String(resultsOf(r, 'mute')[0]?.msg)).toMatch(/no SSH answer .* within 10 s/);
      expect(held.length).toBe(1);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  it('a task that never ends, with `timeout: 3`: failed (not unreachable) after 3 s, its process gone, exit 2', async () => {
    const play = playbook(
      tmp,
      'timeout.yml',
      `- hosts: h1,h5\n  gather_facts: false\n  tasks:\n    - name: never ends\n      command: sleep 1000\n      timeout: 3\n      when: inventory_hostname == 'h1'\n    - name: after\n      command: "true"\n`,
    );
    const r = await run(play, '-i', info.inventory);
    expectCleanEnd(r);
    expect(r.code).toBe(2);
    expect(r.recap.h1).toMatchObject({ failed: 1, unreachable: 0 });
    expect(r.recap.h5).toMatchObject({ ok: 1, skipped: 1, failed: 0 });
    const failed = resultsOf(r, 'h1').find((e) => e.status === 'failed');
    expect(String(failed?.msg)).toMatch(/timed out/);
    const took = Number(failed?.duration_ms) / 1000;
    measured('task timeout 3 s reported after', took);
    expect(took).toBeGreaterThanOrEqual(2.9);
    expect(took).toBeLessThan(8);
    // the host's `timeout` ended the command: no `sleep 1000` is left running there
    await delay(1000);
    const ps = await sshRun(target('h1'), 'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo; done');
    expect(ps.code).toBe(0);
    expect(ps.stdout).not.toContain('sleep 1000');
  });

  it('a slow host (5 s on one task) under strategy free: the run ends correctly, every host ok', async () => {
    const play = playbook(
      tmp,
      'slow.yml',
      `- hosts: h1,h2,h5\n  gather_facts: false\n  strategy: free\n  tasks:\n    - name: slow on h1\n      command: "{{ 'sleep 5' if inventory_hostname == 'h1' else 'true' }}"\n    - name: quick\n      command: "true"\n    - name: quick again\n      command: "true"\n`,
    );
    const r = await run(play, '-i', info.inventory);
    expectCleanEnd(r);
    expect(r.code).toBe(0);
    for (const h of ['h1', 'h2', 'h5']) expect(r.recap[h]).toMatchObject({ ok: 3, failed: 0, unreachable: 0 });
    const slow = resultsOf(r, 'h1')[0];
    expect(Number(slow?.duration_ms)).toBeGreaterThanOrEqual(4900);
    // free: h2 and h5 went through all three tasks while h1 was still on its first
    const at = (e: Record<string, unknown> | undefined): number => (e === undefined ? -1 : r.events.indexOf(e));
    for (const h of ['h2', 'h5']) expect(at(resultsOf(r, h).at(-1))).toBeLessThan(at(slow));
    measured('slow-host run took', r.seconds);
    expect(r.seconds).toBeLessThan(30);
  });

  it('a link cut while a long command runs (no traffic): unreachable by keepalive within 5 s x (3 + 1) = 20 s', async () => {
    const play = playbook(tmp, 'cut.yml', `- hosts: h4,h5\n  gather_facts: false\n  tasks:\n    - name: long quiet command\n      command: sleep 8\n`);
    const pending = run(play, '-i', info.inventory);
    await delay(2000);
    const cut = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'cut', 'h5', '--name', LAB]);
    let r: Run;
    try {
      expect(cut.code, cut.stderr).toBe(0);
      r = await pending;
    } finally {
      await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'heal', 'h5', '--name', LAB]);
    }
    expectCleanEnd(r);
    expect(r.code).toBe(4);
    expect(r.recap.h4).toMatchObject({ ok: 1, unreachable: 0 });
    expect(r.recap.h5).toMatchObject({ unreachable: 1 });
    // counted from the task's start, 2 s before the cut
    const detected = unreachableAfterSeconds(r, 'h5') - 2;
    expect(detected).toBeGreaterThan(8); // not before the keepalives went unanswered
    expect(detected).toBeLessThan(24); // the documented bound, with a little slack for a loaded machine
  });

  it('SIGTERM during a long command: partial PLAY RECAP, exit 99 at once, each connection closed by kplay (sshd sees a disconnect)', async () => {
    const logOf = (host: string): string => readFileSync(join(loadLab({ name: LAB }).runDir, 'hosts', host, 'console.log'), 'utf8');
    const before = { h4: logOf('h4').length, h5: logOf('h5').length };
    const play = playbook(tmp, 'term.yml', `- hosts: h4,h5\n  gather_facts: false\n  tasks:\n    - command: sleep 30\n    - command: "true"\n`);
    const child = spawn('node', [resolve(ROOT, 'bin/kplay.js'), 'run', play, '-i', info.inventory, '--no-live'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const closed = new Promise<number>((r) => child.on('close', (c) => r(c ?? 255)));
    await delay(3000);
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([closed, delay(20_000).then(() => -1)]);
    const seconds = (Date.now() - signalled) / 1000;
    if (code === -1) child.kill('SIGKILL');
    measured('exit after SIGTERM', seconds);
    expect(code).toBe(99);
    expect(seconds).toBeLessThan(5); // the 30 s command is not waited for
    expect(out).toMatch(/PLAY RECAP[\s\S]*h4\s+:\s+ok=0[\s\S]*h5\s+:\s+ok=0/);
    expect(err).not.toMatch(/unhandled|internal error|uncaught/i);
    await delay(500);
    for (const h of ['h4', 'h5'] as const) expect(logOf(h).slice(before[h])).toMatch(/Received disconnect from /);
  });

  it('control: a kplay killed with SIGKILL leaves no such disconnect (so the check above means kplay closed them)', async () => {
    const logOf = (host: string): string => readFileSync(join(loadLab({ name: LAB }).runDir, 'hosts', host, 'console.log'), 'utf8');
    const before = logOf('h4').length;
    const play = playbook(tmp, 'kill9.yml', `- hosts: h4\n  gather_facts: false\n  tasks:\n    - command: sleep 30\n`);
    const child = spawn('node', [resolve(ROOT, 'bin/kplay.js'), 'run', play, '-i', info.inventory, '--no-live'], { cwd: ROOT, stdio: 'ignore' });
    const closed = new Promise((r) => child.on('close', r));
    await delay(3000);
    child.kill('SIGKILL');
    await closed;
    await delay(500);
    const log = logOf('h4').slice(before);
    expect(log).toMatch(/Accepted publickey for root/); // the run did connect
    expect(log).not.toMatch(/Received disconnect from /);
  });

  it('a second SIGINT exits at once with 99', async () => {
    const play = playbook(tmp, 'int2.yml', `- hosts: h4,h5\n  gather_facts: false\n  tasks:\n    - command: sleep 30\n`);
    const child = spawn('node', [resolve(ROOT, 'bin/kplay.js'), 'run', play, '-i', info.inventory, '--no-live'], { cwd: ROOT, stdio: 'ignore' });
    const closed = new Promise<number>((r) => child.on('close', (c) => r(c ?? 255)));
    await delay(3000);
    const signalled = Date.now();
    child.kill('SIGINT');
    child.kill('SIGINT');
    const code = await Promise.race([closed, delay(20_000).then(() => -1)]);
    if (code === -1) child.kill('SIGKILL');
    expect(code).toBe(99);
    expect((Date.now() - signalled) / 1000).toBeLessThan(3);
  });

  it('sshd killed mid-run on h2 and h3 powered off mid-run: both unreachable at once, the others ok=6, exit 4', async () => {
    const play = playbook(tmp, 'kill.yml', `- hosts: all\n  gather_facts: false\n  tasks:\n${sleeps(6)}`);
    const pending = run(play, '-i', info.inventory);
    await delay(3000);
    process.kill(sshdPid(LAB, 'h2'), 'SIGKILL');
    const stopped = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'stop', 'h3', '--name', LAB]);
    expect(stopped.code, stopped.stderr).toBe(0);
    const r = await pending;
    expectCleanEnd(r);
    expect(r.code).toBe(4);
    for (const h of ['h2', 'h3']) {
      expect(r.recap[h]).toMatchObject({ unreachable: 1, failed: 0 });
      expect(r.recap[h]?.ok).toBeLessThan(6);
      // a closed connection is noticed at once: far below the 20 s keepalive bound for a silent link
      expect(unreachableAfterSeconds(r, h)).toBeLessThan(5);
    }
    for (const h of ['h1', 'h4', 'h5']) expect(r.recap[h]).toMatchObject({ ok: 6, failed: 0, unreachable: 0 });
    measured('kill/stop run took', r.seconds);
    expect(r.seconds).toBeLessThan(40);
  });

  it('a powered-off host from the start: refused, retried 3 times (0.5 s, 1 s), unreachable in ~1.5 s, exit 4', async () => {
    // h3 is already off after the test above; stopping it again keeps this test whole when run alone (-t)
    const stopped = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'stop', 'h3', '--name', LAB]);
    expect(stopped.code, stopped.stderr).toBe(0);
    const play = playbook(tmp, 'off.yml', `- hosts: h3,h4\n  gather_facts: false\n  tasks:\n${sleeps(1)}`);
    const r = await run(play, '-i', info.inventory);
    expectCleanEnd(r);
    expect(r.code).toBe(4);
    expect(r.recap.h3).toMatchObject({ unreachable: 1 });
    expect(r.recap.h4).toMatchObject({ ok: 1, unreachable: 0 });
    const detected = unreachableAfterSeconds(r, 'h3');
    expect(detected).toBeGreaterThanOrEqual(1.4); // both back-off waits happened
    expect(detected).toBeLessThan(6);
    expect(String(resultsOf(r, 'h3')[0]?.msg)).toMatch(/ECONNREFUSED|EHOSTUNREACH|cannot connect/);
  });

  it("200 inventory aliases of one host whose sshd has OpenSSH's default MaxSessions 10 and MaxStartups 10:30:100", async () => {
    const host = info.hosts.find((h) => h.name === 'h1');
    if (!host) throw new Error('no h1');
    const port = 2222;
    // A config of its own that sets neither limit, so OpenSSH's defaults apply (the lab's sshd_config.d raises
    // both, and `-o MaxStartups=` cannot lower it: sshd lets the config file overwrite that one option).
    const config = '/etc/ssh/kplay-faults-defaults.conf';
    const configText = [
      `Port ${port}`,
      'HostKey /etc/ssh/ssh_host_ed25519_key',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PidFile none',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      '',
    ].join('\n');
    expect((await sshRun(target('h1'), sh`printf %s ${configText} > ${config}`)).code).toBe(0);
    const effective = await runCommand([...inHost(LAB, 'h1'), '/usr/sbin/sshd', '-f', config, '-T']);
    expect(effective.code, effective.stderr).toBe(0);
    expect(effective.stdout).toMatch(/^maxsessions 10$/m);
    expect(effective.stdout).toMatch(/^maxstartups 10:30:100$/m);

    const extra = await startSshd(LAB, host, port, ['-f', config]);
    try {
      const key = readFileSync(info.knownHosts, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${host.address} `));
      const knownHosts = join(tmp, 'known_hosts_2222');
      writeFileSync(knownHosts, `${(key ?? '').replace(`${host.address} `, `[${host.address}]:${port} `)}\n`);
      const names = Array.from({ length: 200 }, (_, i) => `alias${String(i + 1).padStart(3, '0')}`);
      const inv = join(tmp, 'aliases.ini');
      writeFileSync(
        inv,
        `[aliases]\n${names.join('\n')}\n\n[aliases:vars]\nansible_host=${host.address}\nansible_port=${port}\nansible_user=root\nansible_ssh_private_key_file=${info.keyPath}\nansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes'\n`,
      );
      expect((await sshRun(target('h1'), 'rm -rf /tmp/aliases && mkdir /tmp/aliases')).code).toBe(0);
      const play = playbook(
        tmp,
        'aliases.yml',
        `- hosts: aliases\n  gather_facts: false\n  tasks:\n    - command: echo {{ inventory_hostname }}\n      register: said\n    - assert:\n        that: said.stdout == inventory_hostname\n    - copy:\n        content: "{{ inventory_hostname }}\\n"\n        dest: /tmp/aliases/{{ inventory_hostname }}\n    - shell: cat /tmp/aliases/{{ inventory_hostname }} | wc -l\n`,
      );
      const r = await run(play, '-i', inv, '-f', '200');
      expectCleanEnd(r);
      expect(r.code, r.stderr).toBe(0);
      expect(Object.keys(r.recap)).toHaveLength(200);
      for (const n of names) expect(r.recap[n], n).toMatchObject({ ok: 4, failed: 0, unreachable: 0 });
      const files = await sshRun(target('h1'), 'ls /tmp/aliases | wc -l');
      expect(files.stdout.trim()).toBe('200');
      // kplay paced its handshakes: sshd never had to drop a start-up beyond MaxStartups
      expect(extra.log()).not.toMatch(/past MaxStartups|beginning MaxStartups throttling/);
      measured('200 aliases run took', r.seconds);
      expect(r.seconds).toBeLessThan(120);
      // ...and the limit is live: 40 silent start-ups at once are dropped beyond 10 (so the check above means something)
      const raw = Array.from({ length: 40 }, () => connect({ host: host.address, port }).on('error', () => undefined));
      await delay(1500);
      for (const s of raw) s.destroy();
      expect(extra.log()).toMatch(/past MaxStartups/);
    } finally {
      await extra.stop();
    }
  });
});

describe('200 distinct light hosts connecting at once', () => {
  // `kplay lab up 200 --kind light` measured 11.8 s on the 2-core machine, so this runs for real
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-faults200-'));
  const info = useLab({ name: 'faults200', count: 200, kind: 'light', cleanup: () => rmSync(tmp, { recursive: true, force: true }), teardownTimeout: 900_000 });

  it('-f 200: every host ok, exit 0, no hang', async () => {
    const play = playbook(
      tmp,
      'p200.yml',
      `- hosts: all\n  gather_facts: false\n  tasks:\n    - command: echo {{ inventory_hostname }}\n      register: said\n    - assert:\n        that: said.stdout == inventory_hostname\n`,
    );
    const r = await run(play, '-i', info.inventory, '-f', '200');
    expectCleanEnd(r);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(r.recap)).toHaveLength(200);
    for (const h of info.hosts) expect(r.recap[h.name], h.name).toMatchObject({ ok: 2, failed: 0, unreachable: 0 });
    measured('200 distinct hosts run took', r.seconds);
    expect(r.seconds).toBeLessThan(60);
  });
});
