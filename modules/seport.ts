// seport: SELinux port type definitions, as community.general.seport decides them, read with `semanage port -l`
// and changed with `semanage port -a/-m/-d`, one port (or range) a command as the module commits them.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { pyStr } from '../engine/template/values.js';
import { choice } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { SELINUX_DISABLED, missingTools, missingToolsMessage, missingToolsProbe, selinuxEnabled, semanageError, type SelinuxTool } from './support/selinux-tools.js';
import { definedKeys, parsePortListing, planPorts, portNumberError, portsOfType, type PortAction } from './support/seport-plan.js';

const PORT = Type.Union([Type.String(), Type.Number()]);

const params = Type.Object({
  ports: Type.Union([PORT, Type.Array(Type.Union([PORT, Type.Boolean()]))], { description: 'Ports or port ranges ("8080-8085"): a list, or one text of them separated by commas.' }),
  proto: choice(['tcp', 'udp'] as const, { description: 'The protocol of the ports.' }),
  setype: Type.String({ description: 'The SELinux type of the ports.' }),
  state: choice(['present', 'absent'] as const, { description: 'Whether the ports have the type.', default: 'present' }),
  reload: Type.Boolean({ description: 'Reload the SELinux policy after each commit.', default: true }),
  ignore_selinux_state: Type.Boolean({ description: 'Go on when SELinux does not run (a chroot, an image being built).', default: false }),
  local: Type.Boolean({ description: 'Look only at local modifications of the policy (semanage port -l -C).', default: false }),
});

interface SeportParams {
  readonly ports: string | number | readonly (string | number | boolean)[];
  readonly proto: string;
  readonly setype: string;
  readonly state: 'present' | 'absent';
  readonly reload: boolean;
}

/** The ports as Ansible's list of str makes them: a text split at every comma (blanks kept), a number as its text. */
function portList(ports: SeportParams['ports']): string[] {
  if (typeof ports === 'string') return ports.split(',');
  if (typeof ports === 'number') return [String(ports)];
  return ports.map((p) => (typeof p === 'string' ? p : pyStr(p)));
}

const LIST = 'LC_ALL=C semanage port -l -n';

function tools(ignoreState: boolean): SelinuxTool[] {
  return ignoreState ? ['semanage'] : ['selinuxenabled', 'semanage'];
}

function step(p: SeportParams, a: PortAction): Step {
  const noReload = p.reload ? '' : ' -N';
  // every value as --name=value or after --: a type or port starting with '-' stays data
  switch (a.op) {
    case 'add':
      return { cmd: `LC_ALL=C semanage port -a${noReload} ${sh`--type=${p.setype} --proto=${p.proto}`} --range=s0 -- ${sh`${a.port}`}`, describe: `add ${p.proto} port ${a.port} as ${p.setype}` };
    case 'modify':
      return { cmd: `LC_ALL=C semanage port -m${noReload} ${sh`--type=${p.setype} --proto=${p.proto}`} --range=s0 -- ${sh`${a.port}`}`, describe: `set ${p.proto} port ${a.port} to ${p.setype}` };
    case 'delete':
      return { cmd: `LC_ALL=C semanage port -d${noReload} ${sh`--proto=${p.proto}`} -- ${sh`${a.port}`}`, describe: `delete ${p.proto} port ${a.port} of ${p.setype}` };
  }
}

/** What a failed semanage run means, as seport reports the exception. */
function failure(stderr: string, fallback: string): string {
  return semanageError(stderr) ?? (stderr.trim() || fallback);
}

export const seportModule = defineModule({
  name: 'seport',
  aliases: ['community.general.seport'],
  short: 'Give network ports an SELinux type (semanage port)',
  examples: `- name: sshd on port 2222
  seport:
    ports: 2222
    proto: tcp
    setype: ssh_port_t

- name: Apache on 8080-8085 and 8443
  seport:
    ports: ["8080-8085", "8443"]
    proto: tcp
    setype: http_port_t
`,
  params,
  checkMode: 'plan',
  probe(p) {
    return {
      missing: missingToolsProbe(tools(p.ignore_selinux_state)),
      enabled: 'selinuxenabled',
      all: LIST,
      ...(p.local ? { local: `${LIST} -C` } : {}),
    };
  },
  plan(p, observed, ctx) {
    const missing = missingTools(observed.missing);
    if (missing.length > 0) {
      return { kind: 'fail', msg: missingToolsMessage('seport', missing), missingPrerequisite: `set SELinux port type ${p.setype} (semanage is not installed yet)` };
    }
    if (!p.ignore_selinux_state && !selinuxEnabled(observed.enabled)) return { kind: 'fail', msg: SELINUX_DISABLED };
    for (const name of ['all', ...(p.local ? ['local'] : [])]) {
      const o = observed[name];
      if (o === undefined || o.code !== 0) return { kind: 'fail', msg: failure(o?.stderr ?? '', 'semanage could not list the ports') };
    }
    const all = parsePortListing(observed.all?.stdout ?? '');
    const ofTypeFrom = p.local ? parsePortListing(observed.local?.stdout ?? '') : all;
    const ports = portList(p.ports);
    const data = { ports, proto: p.proto, setype: p.setype, state: p.state };
    const r = planPorts({ ports, proto: p.proto, setype: p.setype, state: p.state, ofType: portsOfType(ofTypeFrom, p.setype, p.proto), defined: definedKeys(all), check: ctx.check });
    const what = `${p.proto} port(s) ${ports.join(', ')}`;
    if (!r.changed) return { kind: 'ok', reason: `${what} ${p.state === 'present' ? 'are' : 'are not'} ${p.setype}${p.local ? ' (local)' : ''}`, data };
    if (r.error !== undefined && r.actions.length === 0) return { kind: 'fail', msg: r.error };
    const summary = `${p.state === 'present' ? 'give' : 'take'} ${p.proto} port(s) ${r.changing.join(', ')} ${p.state === 'present' ? 'the SELinux type' : 'off the SELinux type'} ${p.setype}`;
    return { kind: 'change', summary, steps: r.actions.map((a) => step(p, a)), data };
  },
  finish(p, outputs) {
    const failed = outputs.find((o) => o.code !== 0);
    if (failed) return { failed: failure(failed.stderr, `${failed.step.describe} failed (exit code ${failed.code})`) };
    // Ansible made these changes, then met a port that is not a number
    const error = p.state === 'present' ? portNumberError(portList(p.ports)) : undefined;
    return error === undefined ? {} : { failed: error };
  },
});
