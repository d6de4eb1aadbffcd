// kplay's facts against Ansible's own setup on the same lab host: the keys roles test have the same names, types
// and (where deterministic) values; gather_subset, filter and local facts (fact_path) select the same names.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { kplay, runCommand } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

type Facts = Record<string, unknown>;

/** The ansible_facts of `HOST | SUCCESS => {...}` (ansible and kplay adhoc print the same shape). */
function factsOf(stdout: string): Facts {
  const at = stdout.indexOf('{');
  expect(at, stdout.slice(0, 2000)).toBeGreaterThanOrEqual(0);
  return (JSON.parse(stdout.slice(at)) as { ansible_facts: Facts }).ansible_facts;
}

const ansible = (inventory: string, args: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  runCommand(['ansible', '-i', inventory, 'h1', '-m', 'setup', '-a', args], {
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCAL_TEMP: join(tmpdir(), 'ansible-tmp'),
    ANSIBLE_HOME: join(tmpdir(), 'ansible-home'),
  });

/** Same value on both sides (the values that do not change between two gatherings a second apart). */
const SAME = [
  'ansible_os_family', 'ansible_distribution', 'ansible_distribution_version', 'ansible_distribution_major_version', 'ansible_distribution_release',
  'ansible_pkg_mgr', 'ansible_service_mgr', 'ansible_architecture', 'ansible_machine', 'ansible_kernel', 'ansible_kernel_version', 'ansible_system',
  'ansible_hostname', 'ansible_fqdn', 'ansible_nodename', 'ansible_domain', 'ansible_memtotal_mb', 'ansible_swaptotal_mb',
  'ansible_processor', 'ansible_processor_count', 'ansible_processor_cores', 'ansible_processor_vcpus', 'ansible_processor_threads_per_core', 'ansible_processor_nproc',
  'ansible_default_ipv4', 'ansible_default_ipv6', 'ansible_all_ipv4_addresses', 'ansible_all_ipv6_addresses', 'ansible_lo',
  'ansible_user_id', 'ansible_user_uid', 'ansible_user_gid', 'ansible_user_dir', 'ansible_user_shell', 'ansible_user_gecos',
  'ansible_lsb', 'ansible_selinux', 'ansible_selinux_python_present', 'ansible_virtualization_type', 'ansible_virtualization_role',
  'ansible_python_version', 'ansible_dns', 'ansible_userspace_bits', 'ansible_userspace_architecture', 'ansible_machine_id', 'ansible_is_chroot',
  'ansible_fips', 'ansible_apparmor', 'ansible_cmdline', 'ansible_proc_cmdline', 'ansible_local',
];
/** Same type and keys (the values move: time, free memory, load, the connection's env). */
const SHAPE = ['ansible_date_time', 'ansible_memfree_mb', 'ansible_memory_mb', 'ansible_loadavg', 'ansible_mounts', 'ansible_env', 'ansible_eth0', 'ansible_interfaces', 'ansible_python'];

const shape = (v: unknown): unknown =>
  Array.isArray(v) ? ['list', ...new Set(v.map(shape).map((x) => JSON.stringify(x)))].sort() : typeof v === 'object' && v !== null ? Object.keys(v).sort() : typeof v;

describe.each([['el8', 'Rocky 8'], ['el7', 'CentOS 7'], ['debian12', 'Debian 12']] as const)('setup facts against Ansible on a lab host (%s: %s identity)', (os, _name) => {
  const lab = useLab({
    name: `factsl${os}`,
    count: 1,
    os,
    ready: async (info) => {
      const put = [
        'mkdir -p /etc/ansible/facts.d /srv/facts.d',
        `printf '%s\\n' '{"role": "web", "ports": [80, 443]}' > /etc/ansible/facts.d/app.fact`,
        `printf '[general]\\nOwner = ops\\ntier: 2\\n' > /etc/ansible/facts.d/site.fact`,
        `printf '#!/bin/sh\\necho "{\\\\"dynamic\\\\": true}"\\n' > /etc/ansible/facts.d/run.fact && chmod +x /etc/ansible/facts.d/run.fact`,
        `printf '{"elsewhere": 1}\\n' > /srv/facts.d/other.fact`,
      ].join(' && ');
      const r = await labSsh(info, 'h1', put);
      expect(r.code, r.stderr).toBe(0);
    },
  });

  it('the default gathering: same names, types and deterministic values', async () => {
    const [a, k] = await Promise.all([ansible(lab.inventory, ''), kplay('adhoc', 'h1', '-i', lab.inventory, '-m', 'setup')]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(k.code, k.stdout + k.stderr).toBe(0);
    const af = factsOf(a.stdout);
    const kf = factsOf(k.stdout);
    for (const key of SAME) expect.soft(kf[key], key).toEqual(af[key]);
    // Ansible's connection asks for a terminal (LANG, SSH_TTY, TERM in env) and reads pciid from sysfs: kplay has neither
    const without = (v: unknown, names: string[]): unknown => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([n]) => !names.includes(n))) : v);
    const skipped = ['LANG', 'SSH_TTY', 'TERM', 'pciid', 'module'];
    for (const key of SHAPE.filter((k) => k !== 'ansible_interfaces')) expect.soft(shape(without(kf[key], skipped)), key).toEqual(shape(without(af[key], skipped)));
    expect(kf.ansible_local).toEqual({ app: { role: 'web', ports: [80, 443] }, site: { general: { owner: 'ops', tier: '2' } }, run: { dynamic: true } });
    expect(new Set(kf.ansible_virtualization_tech_guest as string[])).toEqual(new Set(af.ansible_virtualization_tech_guest as string[]));
    expect((kf.ansible_python as Facts).version).toEqual((af.ansible_python as Facts).version);
  });

  it.each([
    ['gather_subset=!all filter=ansible_distribution_*version'],
    ['gather_subset=!all filter=ansible_os_family,ansible_pkg_mgr,ansible_service_mgr,ansible_lsb'],
    ['gather_subset=!all,!min fact_path=/srv/facts.d'],
    ['gather_subset=!all,!min,local fact_path=/srv/facts.d'],
  ])('setup %s: the same fact names', async (args) => {
    const [a, k] = await Promise.all([ansible(lab.inventory, args), kplay('adhoc', 'h1', '-i', lab.inventory, '-m', 'setup', '-a', args)]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(k.code, k.stdout + k.stderr).toBe(0);
    // Ansible's hardware-only names kplay does not gather (DMI, devices, lvm, ...) are not in these subsets
    const drop = (f: Facts): string[] => Object.keys(f).filter((n) => n !== 'discovered_interpreter_python').sort();
    expect(drop(factsOf(k.stdout))).toEqual(drop(factsOf(a.stdout)));
  });

  it('a bad subset fails as in Ansible', async () => {
    const k = await kplay('adhoc', 'h1', '-i', lab.inventory, '-m', 'setup', '-a', 'gather_subset=bogus');
    expect(k.code).toBe(2);
    expect(k.stdout).toContain("Bad subset 'bogus' given to Ansible. gather_subset options allowed: all, all_ipv4_addresses");
  });
});
