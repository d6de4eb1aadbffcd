// hostname: the host's name, static and transient, with hostnamectl, as ansible.builtin.hostname's systemd strategy
// sets it (the static name first, then the running one); the name facts follow.
import { Type } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';

const STRATEGIES = ['alpine', 'debian', 'freebsd', 'generic', 'macos', 'macosx', 'darwin', 'openbsd', 'openrc', 'redhat', 'sles', 'solaris', 'systemd'] as const;
/** The strategies that are hostnamectl on a systemd host (Ansible's debian strategy is its systemd one). */
const HOSTNAMECTL = new Set(['systemd', 'debian']);
const FQDN_DESCRIBE = 'read the fully qualified name';

const params = Type.Object({
  name: operand('The host name.'),
  use: Type.Optional(choice(STRATEGIES, { description: 'The strategy; kplay has the systemd one (hostnamectl), which is the default on systemd hosts.' })),
});

export const hostnameModule = defineModule({
  name: 'hostname',
  short: 'Set the host name (static and running) with hostnamectl',
  params,
  checkMode: 'plan',
  returnsFacts: true,
  examples: `- name: The inventory name is the host name
  hostname:
    name: "{{ inventory_hostname }}"
`,
  probe() {
    return { names: 'command -v hostnamectl >/dev/null || exit 127; t=$(hostnamectl --transient status) && s=$(hostnamectl --static status) && printf \'%s\\n%s\\n\' "$t" "$s"' };
  },
  plan(p, observed) {
    if (p.use !== undefined && !HOSTNAMECTL.has(p.use)) return { kind: 'fail', msg: `kplay sets host names with hostnamectl (use: systemd), not with the ${p.use} strategy` };
    const out = observed.names;
    if (out === undefined || out.code === 127) return { kind: 'fail', msg: 'hostnamectl was not found on the host' };
    if (out.code !== 0) return { kind: 'fail', msg: `Command failed rc=${out.code}, out=${out.stdout}, err=${out.stderr}` };
    const [current = '', permanent = ''] = out.stdout.split('\n').map((l) => l.trim());
    const facts = { ansible_hostname: p.name.split('.')[0] ?? p.name, ansible_nodename: p.name };
    const data = { name: p.name, ansible_facts: facts };
    if (current === p.name && permanent === p.name) return { kind: 'ok', reason: `the host name is ${p.name}`, data };
    if (p.name.length > 64) return { kind: 'fail', msg: 'name cannot be longer than 64 characters on systemd servers, try a shorter name' };
    const steps: Step[] = [];
    if (permanent !== p.name) steps.push({ cmd: shellJoin(['hostnamectl', '--pretty', '--static', 'set-hostname', p.name]), describe: `set the static host name to ${p.name}` });
    if (current !== p.name) steps.push({ cmd: shellJoin(['hostnamectl', '--transient', 'set-hostname', p.name]), describe: `set the running host name to ${p.name}` });
    steps.push({ cmd: 'hostname -f 2>/dev/null || hostname', describe: FQDN_DESCRIBE });
    const before = current !== p.name ? current : permanent;
    return { kind: 'change', summary: `set the host name to ${p.name} (was ${before})`, steps, data, diff: { before: `hostname = ${before}\n`, after: `hostname = ${p.name}\n` } };
  },
  finish(p, outputs) {
    const fqdn = outputs.find((o) => o.step.describe === FQDN_DESCRIBE)?.stdout.trim() ?? p.name;
    return { data: { ansible_facts: { ansible_hostname: p.name.split('.')[0] ?? p.name, ansible_nodename: p.name, ansible_fqdn: fqdn, ansible_domain: fqdn.split('.').slice(1).join('.') } } };
  },
});
