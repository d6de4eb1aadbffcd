// The everyday modules on a real lab host over SSH with become: --check predicts and touches nothing, the run
// changes, the rerun changes nothing; what lands on the host is checked through plain OpenSSH.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplayJson } from './support/cli.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';

const BASE = "/srv/kplay everyday/it's $(x)";

const PLAYBOOK = `
- name: everyday modules
  hosts: lab
  remote_user: deploy
  become: true
  gather_facts: false
  vars:
    base: "${BASE}"
    greeting: "hello; \`world\` *"
  tasks:
    - name: directory
      file: { path: "{{ base }}", state: directory, mode: "0750", owner: deploy }
    - name: inline content
      copy: { content: "{{ greeting }}\\n", dest: "{{ base }}/a;b.txt", mode: "0640" }
    - name: rendered file
      template: { src: app.conf.j2, dest: "{{ base }}/app.conf", mode: "u=rw,g=r,o=" }
    - name: a line
      lineinfile: { path: "{{ base }}/lines.conf", regexp: "^key=", line: "key=value", create: true }
    - name: a link
      file: { src: "{{ base }}/app.conf", dest: "{{ base }}/current.conf", state: link }
    - name: once only
      command: touch "{{ base }}/marker"
      args: { creates: "{{ base }}/marker" }
    - name: shell once only
      shell: echo "$(id -un)" > {{ (base + "/whoami") | quote }}
      args: { creates: "{{ base }}/whoami" }
`;

const CHANGING_TASKS = 7;

describe('everyday modules on a lab host', () => {
  const info = useLab({ name: 'everyday', count: 1, kind: 'light', teardownTimeout: 900_000 });
  const dir = mkdtempSync(join(tmpdir(), 'kplay-everyday-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'templates', 'app.conf.j2'), 'greeting = {{ greeting }}\nhost = {{ inventory_hostname }}\n');
  writeFileSync(join(dir, 'pb.yml'), PLAYBOOK);
  const run = (...extra: string[]) => kplayJson(join(dir, 'pb.yml'), '-i', info.inventory, ...extra);
  const on = (cmd: string) => sshRun({ address: info.hosts[0]?.address ?? '', keyPath: info.keyPath, knownHosts: info.knownHosts }, cmd);
  const host = () => info.hosts[0]?.name ?? '';

  it('--check predicts every change and leaves the host untouched', async () => {
    const r = await run('--check');
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap[host()]).toMatchObject({ changed: CHANGING_TASKS, failed: 0 });
    expect((await on(`test -e '/srv/kplay everyday'`)).code).toBe(1);
  });

  it('the run makes the changes, with exact content, modes, owner and link', async () => {
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap[host()]).toMatchObject({ changed: CHANGING_TASKS, failed: 0 });
    const q = (p: string) => `'${BASE.replaceAll("'", `'"'"'`)}/${p}'`;
    expect((await on(`stat -c '%a %U' ${q('')}`)).stdout.trim()).toBe('750 deploy');
    expect((await on(`cat ${q('a;b.txt')}`)).stdout).toBe('hello; `world` *\n');
    expect((await on(`stat -c %a ${q('a;b.txt')}`)).stdout.trim()).toBe('640');
    expect((await on(`cat ${q('app.conf')}`)).stdout).toBe(`greeting = hello; \`world\` *\nhost = ${host()}\n`);
    expect((await on(`stat -c %a ${q('app.conf')}`)).stdout.trim()).toBe('640');
    expect((await on(`cat ${q('lines.conf')}`)).stdout).toBe('key=value\n');
    expect((await on(`readlink ${q('current.conf')}`)).stdout.trim()).toBe(`${BASE}/app.conf`);
    expect((await on(`cat ${q('whoami')}`)).stdout.trim()).toBe('root');
    expect((await on(`ls -a ${q('')} | grep -c kplay-`)).stdout.trim()).toBe('0');
  });

  it('the rerun changes nothing', async () => {
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap[host()]).toMatchObject({ changed: 0, failed: 0 });
  });

  it('a manual edit is put back, and only that', async () => {
    await on(`chmod 0644 '/srv/kplay everyday/it'"'"'s $(x)/a;b.txt'`);
    const r = await run();
    expect(r.recap[host()]).toMatchObject({ changed: 1, failed: 0 });
  });
});
