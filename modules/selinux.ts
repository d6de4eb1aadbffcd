// selinux: the SELinux state and policy in /etc/selinux/config and in the running kernel, as ansible.posix.selinux
// decides them. kplay reads selinuxfs and the config file itself, so it needs no Python bindings on the host.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { replaceFileStep } from './support/replace-file.js';
import { configPolicy, configState, kernelEnabled, libselinuxPolicy, setConfigLine } from './support/selinux-config.js';

const STATES = ['enforcing', 'permissive', 'disabled'] as const;
type State = (typeof STATES)[number];
const MAIN_CONFIG = '/etc/selinux/config';

const params = Type.Object({
  state: choice(STATES, { description: 'The SELinux mode wanted: now (when SELinux runs) and after the next boot.' }),
  policy: Type.Optional(operand('The policy type (targeted, mls, ...); required unless state is disabled.')),
  configfile: Type.String({ description: 'The SELinux config file.', default: MAIN_CONFIG }),
  conf: aliasOf('configfile', Type.Optional(Type.String({ description: 'Alias of configfile.' }))),
  file: aliasOf('configfile', Type.Optional(Type.String({ description: 'Alias of configfile.' }))),
  update_kernel_param: Type.Boolean({ description: 'Also add or remove selinux=0 on every kernel command line (grubby).', default: false }),
});

export const selinuxModule = defineModule({
  name: 'selinux',
  aliases: ['ansible.posix.selinux'],
  short: 'Set the SELinux mode and policy, now and in /etc/selinux/config',
  examples: `- name: SELinux permissive with the targeted policy
  selinux:
    policy: targeted
    state: permissive
`,
  params,
  probe(p) {
    const file = p.conf ?? p.file ?? p.configfile;
    return {
      config: sh`cat -- ${file}`,
      // what libselinux reads for the running policy type, whatever configfile names
      ...(file === MAIN_CONFIG ? {} : { main: sh`cat -- ${MAIN_CONFIG}` }),
      enforce: 'cat /sys/fs/selinux/enforce',
      ...(p.policy === undefined || p.policy.includes('/') ? {} : { policy: sh`test -e ${`/etc/selinux/${p.policy}/policy`}` }),
      ...(p.update_kernel_param ? { grubby: 'grubby --info=ALL' } : {}),
    };
  },
  plan(p, observed, ctx) {
    const file = p.conf ?? p.file ?? p.configfile;
    const state: State = p.state;
    const cfg = observed.config;
    if (cfg === undefined || cfg.code !== 0) return { kind: 'fail', msg: `Unable to find file ${file}` };
    const mainText = file === MAIN_CONFIG ? cfg.stdout : observed.main?.code === 0 ? observed.main.stdout : undefined;
    const enforce = observed.enforce;
    const runtimeEnabled = enforce?.code === 0 && /^[01]/.test(enforce.stdout);
    const runtimeState: State = !runtimeEnabled ? 'disabled' : enforce.stdout.startsWith('1') ? 'enforcing' : 'permissive';
    const runtimePolicy = libselinuxPolicy(mainText);
    const cfgPolicy = configPolicy(cfg.stdout);
    const cfgState = configState(cfg.stdout);
    if (state !== 'disabled' && (p.policy === undefined || p.policy === '')) return { kind: 'fail', msg: "Policy is required if state is not 'disabled'" };
    const policy = p.policy === undefined || p.policy === '' ? cfgPolicy : p.policy;
    const shown = (v: string | undefined): string => v ?? 'None';
    let kernel: boolean | undefined;
    if (p.update_kernel_param) {
      const g = observed.grubby;
      if (g === undefined || g.code === 127) return { kind: 'fail', msg: "'grubby' command not found on host" };
      if (g.code !== 0) return { kind: 'fail', msg: 'unable to run grubby' };
      kernel = kernelEnabled(g.stdout);
    }

    // Ansible's check mode stops at a policy change with nothing but changed=true
    if (ctx.check && (policy !== runtimePolicy || (policy !== undefined && policy !== cfgPolicy))) {
      return { kind: 'change', summary: `SELinux policy ${shown(policy)} (now ${shown(cfgPolicy)})`, steps: [], data: { msg: '' } };
    }
    const msgs: string[] = [];
    const warnings: string[] = [];
    const steps: Step[] = [];
    let changed = false;
    let rebootRequired = false;
    let text = cfg.stdout;
    if (policy !== runtimePolicy) {
      msgs.push(`Running SELinux policy changed from '${shown(runtimePolicy)}' to '${shown(policy)}'`);
      changed = true;
    }
    if (policy !== cfgPolicy && policy !== undefined) {
      if (observed.policy?.code !== 0) return { kind: 'fail', msg: `Policy ${policy} does not exist in /etc/selinux/` };
      text = setConfigLine(text, 'SELINUXTYPE', policy);
      msgs.push(`SELinux policy configuration in '${file}' changed from '${shown(cfgPolicy)}' to '${policy}'`);
      changed = true;
    }
    if (state !== runtimeState) {
      if (!runtimeEnabled) {
        warnings.push(`Reboot is required to set SELinux state to '${state}'`);
        rebootRequired = true;
      } else if (state === 'disabled') {
        if (runtimeState !== 'permissive') {
          steps.push({ cmd: 'printf 0 > /sys/fs/selinux/enforce', describe: 'set SELinux permissive until the next boot' });
          warnings.push(`SELinux state temporarily changed from '${runtimeState}' to 'permissive'. State change will take effect next reboot.`);
          changed = true;
        } else {
          warnings.push('SELinux state change will take effect next reboot');
        }
        rebootRequired = true;
      } else {
        steps.push({ cmd: `printf ${state === 'enforcing' ? 1 : 0} > /sys/fs/selinux/enforce`, describe: `set SELinux ${state}` });
        msgs.push(`SELinux state changed from '${runtimeState}' to '${state}'`);
        changed = true;
      }
    }
    if (state !== cfgState) {
      text = setConfigLine(text, 'SELINUX', state);
      msgs.push(`Config SELinux state changed from '${shown(cfgState)}' to '${state}'`);
      changed = true;
    }
    if (text !== cfg.stdout) steps.unshift(replaceFileStep(file, text));
    const wantKernel = state === 'enforcing' || state === 'permissive';
    if (p.update_kernel_param && kernel !== wantKernel) {
      steps.push({ cmd: `grubby --update-kernel=ALL ${wantKernel ? '--remove-args' : '--args'} selinux=0`, describe: `${wantKernel ? 'remove' : 'add'} selinux=0 on the kernel command lines` });
      const [from, to] = wantKernel ? ['disabled', 'enabled'] : ['enabled', 'disabled'];
      msgs.push(`Kernel SELinux state changed from '${kernel === undefined ? '<inconsistent>' : from}' to '${to}'`);
      changed = true;
    }
    const data = { msg: msgs.join(', '), configfile: file, policy: policy ?? null, state, reboot_required: rebootRequired, ...(warnings.length > 0 ? { warnings } : {}) };
    if (!changed) return { kind: 'ok', reason: `SELinux is ${state}${warnings.length > 0 ? ` (${warnings.join('; ')})` : ''}`, data };
    return { kind: 'change', summary: msgs.join(', '), steps, data };
  },
});
