// seboolean: one SELinux boolean, as ansible.posix.seboolean decides it: the running value (getsebool -a) or, when
// persistent, the value in the policy store (semanage boolean -l), set with setsebool (-N -P: stored and active,
// the policy not reloaded, as the module commits through libsemanage).
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { booleanSub, parseGetsebool, parseSemanageBooleans, subsFile, SUBS_PROBE } from './support/sebool-listing.js';
import { libselinuxPolicy } from './support/selinux-config.js';
import { SELINUX_DISABLED, missingTools, missingToolsMessage, missingToolsProbe, selinuxEnabled, semanageError, type SelinuxTool } from './support/selinux-tools.js';

const params = Type.Object({
  name: Type.String({ description: 'The boolean (an old name that the policy renamed is followed to the new one).' }),
  state: Type.Boolean({ description: 'The value wanted.' }),
  persistent: Type.Boolean({ description: 'Set the value in the policy store too, so that it survives a reboot; compared there.', default: false }),
  ignore_selinux_state: Type.Boolean({ description: 'Go on when SELinux does not seem to run (a chroot).', default: false }),
});

function tools(p: { persistent: boolean; ignore_selinux_state: boolean }): SelinuxTool[] {
  return [...(p.ignore_selinux_state ? [] : ['selinuxenabled' as const]), 'getsebool', 'setsebool', ...(p.persistent ? ['semanage' as const] : [])];
}

/** Why semanage could not list the stored booleans, in the words Ansible's libsemanage calls fail with. */
function storeFailure(stderr: string, user: string, name: string): string {
  const error = semanageError(stderr)?.trim() ?? stderr.trim();
  if (error.includes('not managed')) return user === 'root' ? 'Cannot set persistent booleans without managed policy' : 'Cannot set persistent booleans; please try as root';
  if (error.includes('semanage connection')) return 'Failed to connect to semanage';
  return `Failed to manage policy for boolean ${name}: ${error}`;
}

/** Why setsebool -P failed, in the words of Ansible's failing libsemanage call where one matches. */
function persistFailure(stderr: string, name: string): string {
  const text = stderr.trim();
  if (text.includes('without managed policy')) return 'Cannot set persistent booleans without managed policy';
  if (text.includes('please try as root')) return 'Cannot set persistent booleans; please try as root';
  if (text.includes('Failed to commit')) return 'Failed to commit changes to semanage';
  return `Failed to manage policy for boolean ${name}: ${text}`;
}

export const sebooleanModule = defineModule({
  name: 'seboolean',
  aliases: ['ansible.posix.seboolean'],
  short: 'Set an SELinux boolean, now and (persistent) in the policy store',
  examples: `- name: httpd may connect to the network, also after a reboot
  seboolean:
    name: httpd_can_network_connect
    state: true
    persistent: true
`,
  params,
  checkMode: 'plan',
  probe(p) {
    return {
      missing: missingToolsProbe(tools(p)),
      enabled: 'selinuxenabled',
      booleans: 'getsebool -a',
      config: 'cat /etc/selinux/config',
      subs: SUBS_PROBE,
      ...(p.persistent ? { stored: 'LC_ALL=C semanage boolean -l -n' } : {}),
    };
  },
  plan(p, observed, ctx) {
    const missing = missingTools(observed.missing);
    if (missing.length > 0) {
      return { kind: 'fail', msg: missingToolsMessage('seboolean', missing), missingPrerequisite: `set SELinux boolean ${p.name} (${missing.join(', ')} not installed yet)` };
    }
    if (!p.ignore_selinux_state && !selinuxEnabled(observed.enabled)) return { kind: 'fail', msg: SELINUX_DISABLED };
    const policy = libselinuxPolicy(observed.config?.code === 0 ? observed.config.stdout : undefined);
    const name = booleanSub(subsFile(observed.subs?.stdout ?? '', `/etc/selinux/${policy}/booleans.subs_dist`), p.name);
    const running = observed.booleans;
    if (running === undefined || running.code !== 0) return { kind: 'fail', msg: 'Failed to get list of boolean names' };
    const active = parseGetsebool(running.stdout).get(name);
    if (active === undefined) return { kind: 'fail', msg: `SELinux boolean ${name} does not exist.` };
    const data = { name: p.name, persistent: p.persistent, state: p.state };
    const word = p.state ? 'on' : 'off';
    let current = active;
    if (p.persistent) {
      const stored = observed.stored;
      if (stored === undefined || stored.code !== 0) return { kind: 'fail', msg: storeFailure(stored?.stderr ?? '', ctx.remoteUser, name) };
      const value = parseSemanageBooleans(stored.stdout).get(name);
      if (value === undefined) return { kind: 'fail', msg: `SELinux boolean ${name} is not defined in persistent policy` };
      current = value;
    }
    const where = p.persistent ? ' in the policy store' : '';
    if (current === p.state) return { kind: 'ok', reason: `SELinux boolean ${name} is ${word}${where}`, data };
    const cmd = p.persistent ? sh`setsebool -N -P -- ${name} ${word}` : sh`setsebool -- ${name} ${word}`;
    return { kind: 'change', summary: `set SELinux boolean ${name} ${word}${p.persistent ? ', persistent' : ''}`, steps: [{ cmd, describe: `set SELinux boolean ${name} ${word}` }], data };
  },
  finish(p, outputs) {
    const failed = outputs.find((o) => o.code !== 0);
    if (failed === undefined) return {};
    return { failed: p.persistent ? persistFailure(failed.stderr, p.name) : `Failed to set boolean ${p.name} to ${p.state ? 1 : 0}` };
  },
});
