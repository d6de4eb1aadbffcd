// setup, service_facts, package_facts and wait_for as data: parameters through the engine's own checking, probe
// outputs in, plans out.
import { describe, expect, it } from 'vitest';
import { SECTION } from '../../../engine/facts/script.js';
import { checkParams } from '../../../engine/run/params.js';
import type { ModuleDef, Observed, Plan } from '../../../modules/contract.js';
import { findModule } from '../../../modules/registry.js';
import { parseDpkg, parseRpm } from '../../../modules/package_facts.js';
import { parseServices, parseSysv } from '../../../modules/service_facts.js';
import { kitPlanContext, probeOut } from './kit/plan-context.js';

function run(name: string, args: Record<string, unknown>, observed: Observed | ((probes: Record<string, string>) => Observed)): { plan: Plan; probes: Record<string, string> } {
  const m = findModule(name) as ModuleDef;
  const checked = checkParams(m, args);
  if (!checked.ok) throw new Error(checked.msg);
  const probes = { ...(m.probe?.(checked.params, kitPlanContext()) ?? {}) };
  return { plan: m.plan(checked.params, typeof observed === 'function' ? observed(probes) : observed, kitPlanContext()), probes };
}

const dataOf = (p: Plan): Record<string, unknown> => (p.data ?? {});
const factsOf = (p: Plan): Record<string, unknown> => dataOf(p).ansible_facts as Record<string, unknown>;

const GATHERED = [
  `${SECTION}os-release`, 'ID="rocky"\nVERSION_ID="8.9"', `${SECTION}redhat-release`, 'Rocky Linux release 8.9 (Green Obsidian)',
  `${SECTION}uname`, 'Linux\n4.18.0\n#1 SMP\nx86_64\nh1\nh1\n64\nabc', `${SECTION}meminfo`, 'MemTotal: 2048000 kB\nMemFree: 1024000 kB',
  `${SECTION}pkg-tools`, '/usr/bin/dnf', `${SECTION}end`,
].join('\n');

describe('setup', () => {
  it('returns the facts with the ansible_ prefix, gather_subset and module_setup', () => {
    const { plan, probes } = run('setup', {}, { facts: probeOut(GATHERED) });
    expect(plan.kind).toBe('ok');
    expect(factsOf(plan)).toMatchObject({ ansible_distribution: 'Rocky', ansible_distribution_major_version: '8', ansible_pkg_mgr: 'dnf', ansible_memtotal_mb: 2000, ansible_hostname: 'h1', gather_subset: ['all'], module_setup: true });
    // one probe: the whole gathering is one command, bounded by gather_timeout per collector
    expect(Object.keys(probes)).toEqual(['facts']);
    expect(probes.facts).toMatch(/^if command -v timeout .* then timeout \d+ sh -c /);
  });
  it('filter keeps the matching names only (comma-separated string as a list)', () => {
    const { plan } = run('setup', { filter: 'ansible_distribution*,ansible_*_mb' }, { facts: probeOut(GATHERED) });
    expect(Object.keys(factsOf(plan)).sort()).toEqual(['ansible_distribution', 'ansible_distribution_major_version', 'ansible_distribution_release', 'ansible_distribution_version', 'ansible_memfree_mb', 'ansible_memory_mb', 'ansible_memtotal_mb']);
  });
  it('gather_subset selects the script sections', () => {
    const { probes } = run('setup', { gather_subset: ['!all', '!min', 'network'] }, { facts: probeOut(GATHERED) });
    expect(probes.facts).toContain(`${SECTION}network`);
    expect(probes.facts).not.toContain(`${SECTION}meminfo`);
    expect(probes.facts).not.toContain(`${SECTION}env`);
  });
  it('a hostile fact_path is one quoted word', () => {
    const { probes } = run('setup', { fact_path: "/x'; touch /tmp/pwned; '" }, { facts: probeOut(GATHERED) });
    expect(probes.facts).not.toMatch(/[^']; touch \/tmp\/pwned;/);
  });
  it("a bad subset fails with Ansible's message", () => {
    const { plan } = run('setup', { gather_subset: ['bogus'] }, {});
    expect(plan).toMatchObject({ kind: 'fail', msg: expect.stringMatching(/^Bad subset 'bogus' given to Ansible\./) as unknown });
  });
  it('a gathering that did not finish fails', () => {
    expect(run('setup', {}, { facts: probeOut('', 1, 'sh: killed') }).plan).toMatchObject({ kind: 'fail', msg: 'gathering facts failed: sh: killed' });
  });
});

describe('service_facts', () => {
  const units = `  UNIT                 LOAD      ACTIVE   SUB     DESCRIPTION
  sshd.service         loaded    active   running OpenSSH server daemon
  chronyd.service      loaded    inactive dead    NTP client/server
● broken.service       not-found inactive dead    broken.service
● crashed.service      loaded    failed   failed  Crashes`;
  const files = `UNIT FILE            STATE    VENDOR PRESET
sshd.service         enabled  enabled
chronyd.service      disabled enabled
crashed.service      enabled  enabled
getty@.service       enabled  enabled
rescue.service       static   -`;
  it('as Ansible scans systemd', () => {
    // a template unit has no state to show: its line ends after the name, and the next line is read on its own
    expect(parseServices(units, files, 'getty@.service \nrescue.service ActiveState=inactive')).toEqual({
      'sshd.service': { name: 'sshd.service', state: 'running', status: 'enabled', source: 'systemd' },
      'chronyd.service': { name: 'chronyd.service', state: 'stopped', status: 'disabled', source: 'systemd' },
      'broken.service': { name: 'broken.service', state: 'stopped', status: 'not-found', source: 'systemd' },
      'crashed.service': { name: 'crashed.service', state: 'stopped', status: 'failed', source: 'systemd' },
      'getty@.service': { name: 'getty@.service', state: 'unknown', status: 'enabled', source: 'systemd' },
      'rescue.service': { name: 'rescue.service', state: 'inactive', status: 'static', source: 'systemd' },
    });
  });
  it('init scripts from service --status-all beside the units', () => {
    expect(parseSysv(' [ + ]  dbus\n [ - ]  hwclock.sh\n [ ? ]  x')).toEqual({ dbus: { name: 'dbus', state: 'running', source: 'sysv' }, 'hwclock.sh': { name: 'hwclock.sh', state: 'stopped', source: 'sysv' } });
    const p = run('service_facts', {}, { sysv: probeOut(' [ + ]  dbus'), systemd: probeOut('yes'), units: probeOut(units), files: probeOut(files), shown: probeOut('') }).plan;
    expect(Object.keys(factsOf(p).services as object)).toContain('dbus');
  });
  it('the probe ends every unit on its own line, even when systemctl show fails', () => {
    expect(run('service_facts', {}, { systemd: probeOut('no') }).probes.shown).toContain('echo "$u $(systemctl show "$u" --property=ActiveState 2>/dev/null)"');
  });
  it('the services become ansible_facts.services; without systemd the task says it found none', () => {
    expect(factsOf(run('service_facts', {}, { systemd: probeOut('yes'), units: probeOut(units), files: probeOut(files), shown: probeOut('') }).plan).services).toHaveProperty(['sshd.service', 'state'], 'running');
    expect(run('service_facts', {}, { systemd: probeOut('no'), units: probeOut(''), files: probeOut(''), shown: probeOut('') }).plan).toMatchObject({ kind: 'ok', data: { skipped: true } });
  });
});

describe('package_facts', () => {
  it('rpm: epoch (none) is null', () => {
    expect(parseRpm('bash\t4.4.20\t4.el8\t(none)\tx86_64\nkernel\t4.18.0\t1.el8\t(none)\tx86_64\nkernel\t4.18.0\t2.el8\t(none)\tx86_64\nperl-libs\t5.26.3\t419.el8\t4\tx86_64')).toEqual({
      bash: [{ name: 'bash', version: '4.4.20', release: '4.el8', epoch: null, arch: 'x86_64', source: 'rpm' }],
      kernel: [
        { name: 'kernel', version: '4.18.0', release: '1.el8', epoch: null, arch: 'x86_64', source: 'rpm' },
        { name: 'kernel', version: '4.18.0', release: '2.el8', epoch: null, arch: 'x86_64', source: 'rpm' },
      ],
      'perl-libs': [{ name: 'perl-libs', version: '5.26.3', release: '419.el8', epoch: 4, arch: 'x86_64', source: 'rpm' }],
    });
  });
  it('apt: installed packages only', () => {
    expect(parseDpkg('ii \tbash\t5.2.15-2+b2\tamd64\tshells\nrc \told\t1.0\tamd64\tmisc')).toEqual({ bash: [{ name: 'bash', version: '5.2.15-2+b2', arch: 'amd64', category: 'shells', origin: '', source: 'apt' }] });
  });
  it('auto takes the first manager found; none found fails as Ansible', () => {
    const p = run('package_facts', {}, { rpm: probeOut('', 127), apt: probeOut('ii \tbash\t5\tamd64\tshells') }).plan;
    expect(Object.keys(factsOf(p).packages as object)).toEqual(['bash']);
    expect(run('package_facts', { manager: ['rpm'] }, { rpm: probeOut('', 127), apt: probeOut('') }).plan).toMatchObject({ kind: 'fail', msg: expect.stringContaining("Could not detect a supported package manager from the following list: ['rpm']") as unknown });
  });
});

describe('wait_for', () => {
  it('a port: the host is an argument of the check, never part of the script', () => {
    const { probes, plan } = run('wait_for', { port: 8080, host: 'x; touch /tmp/pwned', timeout: 5 }, { wait: probeOut('elapsed 2\n') });
    expect(probes.wait).toContain(`bash -c 'exec 3<>"/dev/tcp/$1/$2"' wait_for 'x; touch /tmp/pwned' 8080`);
    expect(plan).toMatchObject({ kind: 'ok', data: { elapsed: 2, port: 8080, state: 'started' } });
  });
  it('a regex in a file: its groups returned', () => {
    const { plan, probes } = run('wait_for', { path: '/var/log/app.log', search_regex: 'ready on port (?P<port>\\d+)' }, { wait: probeOut('elapsed 0\nserver ready on port 8443\n') });
    expect(probes.wait).toContain("grep -Eq -- 'ready on port (?P<port>\\d+)' /var/log/app.log");
    expect(plan).toMatchObject({ kind: 'ok', data: { match_groups: ['8443'], match_groupdict: { port: '8443' } } });
  });
  it('a timeout fails with Ansible\'s messages', () => {
    expect(run('wait_for', { port: 9, timeout: 1 }, { wait: probeOut('elapsed 1\n', 3) }).plan).toMatchObject({ kind: 'fail', msg: 'Timeout when waiting for 127.0.0.1:9' });
    expect(run('wait_for', { path: '/x', state: 'absent', timeout: 1 }, { wait: probeOut('elapsed 1\n', 3) }).plan).toMatchObject({ kind: 'fail', msg: 'Timeout when waiting for /x to be absent.' });
    expect(run('wait_for', { path: '/x', timeout: 1, msg: 'no x' }, { wait: probeOut('elapsed 1\n', 3) }).plan).toMatchObject({ kind: 'fail', msg: 'no x' });
  });
  it('port and path together are refused (by the run-time parameter check, as Ansible\'s argument spec refuses them)', () => {
    expect(() => run('wait_for', { port: 1, path: '/x' }, { wait: probeOut('elapsed 0\n') })).toThrow('parameters are mutually exclusive: port|path');
  });
});
