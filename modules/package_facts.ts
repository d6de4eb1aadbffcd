// package_facts: the installed packages (rpm, apt) as ansible_facts.packages: name -> list of versions, one round trip.
import { Type } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { choice } from './common/schema.js';
import { defineModule } from './contract.js';

const MANAGERS = ['auto', 'rpm', 'apt'] as const;

const params = Type.Object({
  manager: Type.Array(choice(MANAGERS, { description: 'a package manager' }), { description: 'The package managers to read: auto (the first found, or all with strategy all), rpm, apt.', default: ['auto'] }),
  strategy: choice(['first', 'all'] as const, { description: 'With several managers: the first that is found, or all of them.', default: 'first' }),
});

export type PackageFact = Readonly<Record<string, string | number | null>>;

const RPM_QF = '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n';
const DPKG_QF = '${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\n';

/** rpm -qa lines: name, version, release, epoch ((none) is null, else a number), arch. */
export function parseRpm(text: string): Record<string, PackageFact[]> {
  const out: Record<string, PackageFact[]> = dict();
  for (const line of text.split('\n')) {
    const [name, version = '', release = '', epoch = '', arch = ''] = line.split('\t');
    if (!name) continue;
    (out[name] ??= []).push({ name, version, release, epoch: /^\d+$/.test(epoch) ? Number(epoch) : null, arch, source: 'rpm' });
  }
  return out;
}

/** dpkg-query lines of installed packages (status ii): name, version, arch, category (section). */
export function parseDpkg(text: string): Record<string, PackageFact[]> {
  const out: Record<string, PackageFact[]> = dict();
  for (const line of text.split('\n')) {
    const [status = '', name, version = '', arch = '', section = ''] = line.split('\t');
    if (!name || !status.startsWith('ii')) continue;
    (out[name] ??= []).push({ name, version, arch, category: section, origin: '', source: 'apt' });
  }
  return out;
}

/**
 * Ansible reads rpm's database through rpm's Python bindings and counts rpm as found only where they are: a Debian
 * host with the rpm tool and no python3-rpm has its packages read from apt. Where EL 7/8/9 and Debian install them.
 */
const RPM_BINDINGS = 'for d in /usr/lib64/python*/site-packages/rpm /usr/lib/python*/site-packages/rpm /usr/lib/python3/dist-packages/rpm; do [ -d "$d" ] && break; d=; done; [ -n "$d" ]';

export const packageFactsModule = defineModule({
  name: 'package_facts',
  short: 'Return the installed packages (rpm, apt) as ansible_facts.packages',
  params,
  checkMode: 'plan',
  returnsFacts: true,
  examples: `- name: Read the packages
  package_facts:
    manager: auto

- name: Only where nginx is installed
  debug: { msg: "nginx {{ ansible_facts.packages['nginx'][0].version }}" }
  when: "'nginx' in ansible_facts.packages"
`,
  probe() {
    return {
      rpm: `command -v rpm >/dev/null 2>&1 || exit 127; ${RPM_BINDINGS} || exit 127; rpm -qa --qf '${RPM_QF}'`,
      apt: `command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || exit 127; dpkg-query -W -f='${DPKG_QF}'`,
    };
  },
  plan(p, observed) {
    const wanted = p.manager.includes('auto') ? (['rpm', 'apt'] as const) : p.manager.filter((m): m is 'rpm' | 'apt' => m !== 'auto');
    const found = wanted.filter((m) => observed[m]?.code === 0);
    const used = p.strategy === 'first' ? found.slice(0, 1) : found;
    if (used.length === 0) {
      return { kind: 'fail', msg: `Could not detect a supported package manager from the following list: [${wanted.map((m) => `'${m}'`).join(', ')}], or the required Python library is not installed. Check warnings for details.` };
    }
    const packages: Record<string, PackageFact[]> = dict();
    for (const m of used) {
      const parsed = m === 'rpm' ? parseRpm(observed.rpm?.stdout ?? '') : parseDpkg(observed.apt?.stdout ?? '');
      for (const [name, list] of Object.entries(parsed)) packages[name] = [...(packages[name] ?? []), ...list];
    }
    return { kind: 'ok', reason: `${Object.keys(packages).length} packages (${used.join(', ')})`, data: { ansible_facts: { packages } } };
  },
});
