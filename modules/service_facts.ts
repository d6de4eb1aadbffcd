// service_facts: the host's systemd services as ansible_facts.services (name, state, status, source), one round trip.
import { Type } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { defineModule, type Observed } from './contract.js';

const params = Type.Object({});

const BAD_STATES = ['not-found', 'masked', 'failed'];

export interface ServiceFact {
  readonly name: string;
  readonly state: string;
  readonly status?: string;
  readonly source: 'systemd' | 'sysv';
}

/** `service --status-all` lines ([ + ] name, [ - ] name), as Ansible's sysvinit scan. */
export function parseSysv(text: string): Record<string, ServiceFact> {
  const services: Record<string, ServiceFact> = dict();
  for (const line of text.split('\n')) {
    const m = /^\s*\[ ([+-]) \]\s+(.+)$/.exec(line);
    if (m?.[2] !== undefined) services[m[2]] = { name: m[2], state: m[1] === '+' ? 'running' : 'stopped', source: 'sysv' };
  }
  return services;
}

/** As Ansible's SystemctlScanService: list-units gives state and status, list-unit-files the rest (state from show). */
export function parseServices(units: string, files: string, shown: string): Record<string, ServiceFact> {
  const services: Record<string, ServiceFact> = dict();
  for (const line of units.split('\n').filter((l) => l.includes('.service'))) {
    let fields = line.trim().split(/\s+/);
    const bad = BAD_STATES.find((b) => fields.includes(b));
    const status = bad ?? fields[2] ?? 'unknown';
    if (bad !== undefined) fields = fields.slice(1);
    const name = fields[0] ?? '';
    services[name] = { name, state: fields[3] === 'running' ? 'running' : 'stopped', status, source: 'systemd' };
  }
  const states = new Map<string, string>();
  for (const line of shown.split('\n')) {
    const m = /^(\S+) ActiveState=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined) states.set(m[1], m[2] ?? 'unknown');
  }
  for (const line of files.split('\n').filter((l) => l.includes('.service'))) {
    const [name = '', status = ''] = line.trim().split(/\s+/);
    const had = services[name];
    if (had === undefined) services[name] = { name, state: states.get(name) || 'unknown', status, source: 'systemd' };
    else if (!BAD_STATES.includes(had.status ?? '')) services[name] = { ...had, status };
  }
  return services;
}

export const serviceFactsModule = defineModule({
  name: 'service_facts',
  short: 'Return the state of the host\'s services as ansible_facts.services',
  params,
  checkMode: 'plan',
  returnsFacts: true,
  examples: `- name: Read the services
  service_facts:

- name: Only where nginx runs
  debug: { msg: "nginx is up" }
  when: ansible_facts.services['nginx.service'].state == 'running'
`,
  probe() {
    const files = 'systemctl list-unit-files --no-pager --type service --all';
    return {
      // init scripts, as Ansible lists them where neither chkconfig nor rc-status exists
      sysv: 'command -v service >/dev/null 2>&1 && ! command -v chkconfig >/dev/null 2>&1 && ! command -v rc-status >/dev/null 2>&1 && service --status-all 2>&1',
      systemd: "grep -qs systemd /proc/1/comm && command -v systemctl >/dev/null 2>&1 && echo yes || echo no",
      units: 'systemctl list-units --no-pager --type service --all',
      files,
      // the ActiveState of each unit file list-units does not show (Ansible asks systemctl show for each)
      shown: `listed=$(systemctl list-units --no-pager --type service --all --plain --no-legend | awk '{print $1}'); ${files} --no-legend | awk '{print $1}' | while read -r u; do case " $(echo $listed) " in *" $u "*) ;; *) echo "$u $(systemctl show "$u" --property=ActiveState 2>/dev/null)";; esac; done`,
    };
  },
  plan(_p, observed: Observed) {
    const systemd = observed.systemd?.stdout.trim() === 'yes' ? parseServices(observed.units?.stdout ?? '', observed.files?.stdout ?? '', observed.shown?.stdout ?? '') : {};
    const services = dict<ServiceFact>(parseSysv(observed.sysv?.stdout ?? ''), systemd);
    if (Object.keys(services).length === 0) {
      return { kind: 'ok', reason: 'Failed to find any services. This can be due to privileges or some other configuration issue.', data: { skipped: true, msg: 'Failed to find any services. This can be due to privileges or some other configuration issue.' } };
    }
    return { kind: 'ok', reason: `${Object.keys(services).length} services`, data: { ansible_facts: { services } } };
  },
});
