// The lab itself, end to end: `kplay lab` through the built CLI, then the hosts checked through plain OpenSSH.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labInfoFromState, loadLab, type LabInfo } from '../../lab/index.js';
import { labSsh, useLab } from './support/lab.js';

const exec = promisify(execFile);
const NAME = 'labtest';
const kplay = (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
  exec('node', ['bin/kplay.js', 'lab', ...args, '--name', NAME], { timeout: 900_000 });

async function netnsList(): Promise<string[]> {
  const { stdout } = await exec('ip', ['netns', 'list']);
  return stdout.split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean);
}

const DOMAIN = `<domain type='qemu'>
  <name>kplay-lab-test</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><memballoon model='none'/></devices>
</domain>`;

describe('kplay lab (full hosts, through the CLI)', () => {
  let info: LabInfo;
  let inotifyBefore: string;

  beforeAll(async () => {
    inotifyBefore = readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8').trim();
    // the CLI as a user runs it: built JavaScript
    await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { timeout: 300_000 }).catch(() => undefined);
    expect(existsSync('dist/cli/lab.js')).toBe(true);
    await kplay('up', '3', '--cpu', 'vmx,svm,none');
    info = labInfoFromState(loadLab({ name: NAME }));
  });

  afterAll(async () => {
    await kplay('down').catch(() => undefined);
  });

  it('writes inventory, key, known_hosts with real host keys, ops_password', () => {
    const inv = readFileSync(info.inventory, 'utf8');
    expect(inv).toMatch(/^\[lab\]$/m);
    for (const h of info.hosts) expect(inv).toContain(`${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${info.keyPath}`);
    expect(inv).toContain(`ansible_ssh_common_args='-o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes'`);
    expect(readFileSync(info.knownHosts, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(info.opsPassword.length).toBeGreaterThanOrEqual(12);
  });

  it('boots systemd as PID 1 and reports running on every host', async () => {
    for (const h of info.hosts) {
      const r = await labSsh(info, h.name, 'ps -p 1 -o comm=; systemctl is-system-running; cat /etc/redhat-release');
      expect(r.stdout.split('\n').slice(0, 3)).toEqual(['systemd', 'running', 'Rocky Linux release 8.9 (Green Obsidian)']);
    }
  });

  it('gives each host the CPU flags asked for (vmx, svm, none)', async () => {
    const flags = async (host: string): Promise<string> =>
      (await labSsh(info, host, "grep -ow -E 'vmx|svm' /proc/cpuinfo | sort -u | tr '\\n' ' '")).stdout.trim();
    expect(await flags('h1')).toBe('vmx');
    expect(await flags('h2')).toBe('svm');
    expect(await flags('h3')).toBe('');
  });

  it('lists the hosts as running in status', async () => {
    const { stdout } = await kplay('status', '--json');
    const s = JSON.parse(stdout) as { hosts: Array<{ name: string; state: string }> };
    expect(s.hosts.map((h) => `${h.name}:${h.state}`)).toEqual(['h1:running', 'h2:running', 'h3:running']);
  });

  it('installs, queries and removes lab packages with yum and rpm', async () => {
    const r = await labSsh(info, 'h2', 'yum -y install kplay-demo >/dev/null 2>&1; rpm -q kplay-demo; cat /usr/share/kplay-demo/hello');
    expect(r.stdout).toMatch(/^kplay-demo-1\.0-1\.el8\.noarch\nhello from kplay-demo\n$/);
    const gone = await labSsh(info, 'h2', 'yum -y remove kplay-demo >/dev/null 2>&1; rpm -q kplay-demo; test -e /usr/share/kplay-demo/hello && echo present || echo absent');
    expect(gone.stdout).toContain('package kplay-demo is not installed');
    expect(gone.stdout).toContain('absent');
    // a package really gates its files: virsh comes with libvirt-client and goes with it
    const gate = await labSsh(info, 'h2', 'command -v virsh || echo no-virsh; yum -y install libvirt-client >/dev/null 2>&1; command -v virsh; rpm -e libvirt-client; command -v virsh || echo no-virsh');
    expect(gate.stdout.split('\n').slice(0, 3)).toEqual(['no-virsh', '/usr/bin/virsh', 'no-virsh']);
  });

  it('has no libvirtd before its package, runs it after, and qemu runs a diskless domain', async () => {
    const before = await labSsh(info, 'h1', 'systemctl cat libvirtd >/dev/null 2>&1 && echo unit || echo no-unit; command -v virsh || echo no-virsh');
    expect(before.stdout).toBe('no-unit\nno-virsh\n');
    const install = await labSsh(info, 'h1', 'yum -y install qemu-kvm qemu-img libvirt libvirt-client >/dev/null 2>&1; rpm -q qemu-kvm qemu-img libvirt libvirt-client');
    expect(install.stdout.trim().split('\n').map((l) => l.replace(/-\d.*$/, ''))).toEqual(['qemu-kvm', 'qemu-img', 'libvirt', 'libvirt-client']);
    const svc = await labSsh(info, 'h1', 'systemctl is-enabled libvirtd; systemctl is-active libvirtd; systemctl start libvirtd && systemctl is-active libvirtd');
    expect(svc.stdout.split('\n').slice(0, 3)).toEqual(['disabled', 'inactive', 'active']);
    const xml = DOMAIN.replaceAll("'", "'\\''");
    const v = 'virsh -c qemu:///system';
    const life = await labSsh(
      info,
      'h1',
      `printf '%s' '${xml}' > /tmp/d.xml && ${v} define /tmp/d.xml >/dev/null && ${v} start kplay-lab-test >/dev/null && ${v} domstate kplay-lab-test && ${v} destroy kplay-lab-test >/dev/null && ${v} domstate kplay-lab-test && ${v} undefine kplay-lab-test >/dev/null && (${v} domstate kplay-lab-test 2>&1 || true)`,
      'root',
      300_000,
    );
    const lines = life.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(0, 2)).toEqual(['running', 'shut off']);
    expect(lines.slice(2).join(' ')).toMatch(/failed to get domain/i);
  });

  it('gives deploy passwordless sudo and ops sudo with its password', async () => {
    expect((await labSsh(info, 'h3', 'sudo -n id -un', 'deploy')).stdout.trim()).toBe('root');
    const noPw = await labSsh(info, 'h3', 'sudo -n true', 'ops');
    expect(noPw.code).not.toBe(0);
    const withPw = await labSsh(info, 'h3', `printf '%s\\n' '${info.opsPassword}' | sudo -S -p '' id -un`, 'ops');
    expect(withPw.stdout.trim()).toBe('root');
  });

  it('works unchanged with ansible (host keys checked)', async () => {
    const { stdout } = await exec('ansible', ['-i', info.inventory, 'lab', '-m', 'ping', '-o'], { timeout: 120_000 });
    expect(stdout.match(/SUCCESS/g)).toHaveLength(3);
  });

  it('cut makes a host unreachable (hangs), heal brings it back, stop powers it off', async () => {
    await kplay('cut', 'h3');
    const t0 = Date.now();
    const cut = await labSsh(info, 'h3', 'true');
    expect(cut.code).toBe(255);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4000); // a hang until ConnectTimeout, not a quick refusal
    expect((await labSsh(info, 'h1', 'true')).code).toBe(0);
    await kplay('heal', 'h3');
    expect((await labSsh(info, 'h3', 'hostname')).stdout.trim()).toBe('h3');
    await kplay('stop', 'h3');
    const { stdout } = await kplay('status', '--json');
    expect((JSON.parse(stdout) as { hosts: Array<{ state: string }> }).hosts.map((h) => h.state)).toEqual(['running', 'running', 'stopped']);
    expect((await labSsh(info, 'h3', 'true')).code).toBe(255);
  });

  describe('a second lab of light hosts alongside', () => {
    const light = useLab({ name: 'labtest-light', count: 3, kind: 'light', cpu: ['svm'], teardownTimeout: 900_000 });

    it('coexists on its own subnet, each host a bare sshd with its own key', async () => {
      const l = light.info();
      expect(l.hosts[0]?.address.split('.').slice(0, 3)).not.toEqual(info.hosts[0]?.address.split('.').slice(0, 3));
      const keys = new Set(readFileSync(l.knownHosts, 'utf8').trim().split('\n').map((line) => line.split(' ')[2]));
      expect(keys.size).toBe(3);
      for (const h of l.hosts) {
        const r = await labSsh(l, h.name, "hostname; ps -p 1 -o comm=; grep -cw svm /proc/cpuinfo | grep -q '^[1-9]' && echo svm");
        expect(r.stdout).toBe(`${h.name}\nsshd\nsvm\n`);
      }
      expect((await labSsh(l, 'h1', 'sudo -n true && echo ok', 'deploy')).stdout).toBe('ok\n');
      expect((await labSsh(info, 'h1', 'true')).code).toBe(0);
    });
  });

  describe('down', () => {
    it('leaves no namespace, mount, process, link or cgroup behind and restores the sysctl', async () => {
      const state = loadLab({ name: NAME });
      await kplay('down');
      expect((await netnsList()).filter((n) => n.startsWith(`kplay-${NAME}-`))).toEqual([]);
      expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(state.runDir);
      expect(existsSync(state.runDir)).toBe(false);
      expect(existsSync(state.dir)).toBe(false);
      const { stdout: links } = await exec('ip', ['-o', 'link', 'show']);
      expect(links).not.toContain(state.bridge);
      expect(links).not.toContain(state.hosts[0]?.veth ?? '?');
      expect(existsSync(`/sys/fs/cgroup/unified/kplay/${NAME}`)).toBe(false);
      const nspawns = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${NAME}-h`);
          } catch {
            return false;
          }
        });
      expect(nspawns).toEqual([]);
      const labsLeft = existsSync('/run/kplay/labs') ? readdirSync('/run/kplay/labs').length : 0;
      if (labsLeft === 0) expect(readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8').trim()).toBe(inotifyBefore);
    });
  });
});
