// sysctl: a kernel parameter in a sysctl file (/etc/sysctl.conf or /etc/sysctl.d/*.conf) and, with reload, in the
// running kernel, as ansible.posix.sysctl: the file is rewritten as Ansible writes it (key=value lines, duplicates dropped).
import { Type } from '@sinclair/typebox';
import { sh, shellJoin } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { replaceFileStep } from './support/replace-file.js';
import { fixLines, parseSysctlFile, sameValue, sysctlValue } from './support/sysctl-file.js';

const params = Type.Object({
  name: Type.Optional(operand('The dot-separated path (key) of the parameter, e.g. net.ipv4.ip_forward.')),
  key: Type.Optional(aliasOf('name', operand('Alias of name.'))),
  value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()], { description: 'The value (yes/no/true/false become 1/0). Required with state present.' })),
  val: Type.Optional(aliasOf('value', Type.Union([Type.String(), Type.Number(), Type.Boolean()], { description: 'Alias of value.' }))),
  state: choice(['present', 'absent'], { description: 'Whether the entry should be in the sysctl file.', default: 'present' }),
  reload: Type.Boolean({ description: 'When the file changed (or the kernel value differs), load the file with sysctl -p FILE.', default: true }),
  sysctl_set: Type.Boolean({ description: 'Also set the running value with sysctl -w when it differs.', default: false }),
  ignoreerrors: Type.Boolean({ description: 'Ignore unknown keys (sysctl -e).', default: false }),
  sysctl_file: Type.String({ description: 'The file to edit.', default: '/etc/sysctl.conf' }),
});

export const sysctlModule = defineModule({
  name: 'sysctl',
  aliases: ['ansible.posix.sysctl'],
  short: 'Set kernel parameters in a sysctl file and in the running kernel',
  examples: `- name: Forward IPv4 packets, now and after reboot
  sysctl:
    name: net.ipv4.ip_forward
    value: "1"
    sysctl_file: /etc/sysctl.d/90-forward.conf
    sysctl_set: true
`,
  params,
  requiredOneOf: [['name', 'key']],
  probe(p) {
    const name = (p.name ?? p.key ?? '').trim();
    return { file: sh`cat -- ${p.sysctl_file}`, proc: sh`LANG=C sysctl -e -n -- ${name}` };
  },
  plan(p, observed, ctx) {
    const name = (p.name ?? p.key ?? '').trim();
    const raw = p.value ?? p.val;
    if (/[=\n]/.test(name)) return { kind: 'fail', msg: "name must not contain '=' or a newline" };
    if (p.state === 'present' && raw === undefined) return { kind: 'fail', msg: 'state is present but all of the following are missing: value' };
    const value = sysctlValue(raw);
    if (value.includes('\n')) return { kind: 'fail', msg: 'value must not contain a newline' };
    const fileOut = observed.file;
    const before = fileOut?.code === 0 ? fileOut.stdout : '';
    const current = parseSysctlFile(before).get(name);
    const procOut = observed.proc;
    const proc = procOut?.code === 0 && procOut.stdout !== '' ? procOut.stdout : undefined;
    const writeFile = p.state === 'present' ? current !== value : current !== undefined && current !== '';
    const procDiffers = !sameValue(proc, value);
    const changed = writeFile || (p.state === 'present' && (p.reload || p.sysctl_set) && procDiffers);
    const data = { name, value: p.state === 'present' ? value : undefined, sysctl_file: p.sysctl_file };
    if (!changed) return { kind: 'ok', reason: p.state === 'present' ? `${name} is ${value}` : `${name} is not in ${p.sysctl_file}`, data };
    const e = p.ignoreerrors ? ['-e'] : [];
    const steps: Step[] = [];
    if (p.sysctl_set && p.state === 'present' && proc !== undefined && procDiffers) {
      steps.push({ cmd: `LANG=C ${shellJoin(['sysctl', ...e, '-w', `${name}=${value}`])}`, describe: `set ${name} to ${value} in the kernel` });
    }
    const after = fixLines(before, name, p.state === 'present' ? value : undefined);
    if (writeFile) steps.push(replaceFileStep(p.sysctl_file, after));
    if (p.reload) steps.push({ cmd: `LANG=C ${shellJoin(['sysctl', ...e, '-p', p.sysctl_file])}`, describe: `load ${p.sysctl_file}` });
    const summary = writeFile ? `${p.state === 'present' ? `set ${name}=${value}` : `remove ${name}`} in ${p.sysctl_file}` : `set ${name} to ${value} in the kernel`;
    return { kind: 'change', summary, steps, data, ...(ctx.diff && writeFile ? { diff: { path: p.sysctl_file, before, after } } : {}) };
  },
});
