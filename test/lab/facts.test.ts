// The facts script through the local transport on this machine (Debian 12): one exec, a sane parse.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { gatherParsedFacts } from '../../engine/facts/gather.js';
import { factsToVars } from '../../engine/facts/vars.js';
import { LocalTransport } from '../../engine/transport/local-transport.js';
import type { ExecOptions, ExecResult } from '../../engine/transport/transport.js';

describe('facts on this machine', () => {
  it('gathers in one exec and agrees with the machine', async () => {
    const local = new LocalTransport();
    let execs = 0;
    const counting = {
      host: local.host,
      exec: (cmd: string, o?: ExecOptions): Promise<ExecResult> => {
        execs += 1;
        return local.exec(cmd, o);
      },
      put: local.put.bind(local),
      get: local.get.bind(local),
      close: local.close.bind(local),
    };
    const { facts, ansible } = await gatherParsedFacts(counting);
    expect(execs).toBe(1);
    const osr = readFileSync('/etc/os-release', 'utf8');
    expect(osr).toContain('ID=debian');
    expect(facts).toMatchObject({ os_family: 'Debian', distribution: 'Debian', pkg_mgr: 'apt', user_id: 'root' });
    expect(facts.distribution_version).toBe(readFileSync('/etc/debian_version', 'utf8').trim());
    expect(facts.distribution_major_version).toBe(facts.distribution_version.split('.')[0]);
    expect(facts.architecture).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    expect(facts.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(facts.hostname).toBe(hostname().split('.')[0]);
    const memKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    expect(facts.memtotal_mb).toBe(Math.floor(memKb / 1024));
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    expect(facts.processor_vendor).toBe(/^vendor_id\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim());
    expect(facts.processor_flags.length).toBeGreaterThan(5);
    expect(facts.virtualization_flags).toEqual(['vmx', 'svm'].filter((f) => facts.processor_flags.includes(f)));
    expect(facts.kvm_device).toBe(execFileSync('sh', ['-c', '[ -e /dev/kvm ] && echo y || echo n'], { encoding: 'utf8' }).trim() === 'y');
    expect(ansible.processor_nproc).toBe((cpuinfo.match(/^processor\s*:/gm) ?? []).length);
    expect(ansible.user_uid).toBe(0);
    const vars = factsToVars(ansible);
    expect((vars.ansible_facts as Record<string, unknown>).distribution).toBe('Debian');
    expect(vars.ansible_os_family).toBe('Debian');
  });
});
