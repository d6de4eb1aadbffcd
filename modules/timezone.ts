// timezone: the system time zone and whether the RTC keeps local time, with timedatectl, as
// community.general.timezone does on systemd hosts (it checks the zone exists under /usr/share/zoneinfo first).
import { Type } from '@sinclair/typebox';
import { sh, shellJoin } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';

const params = Type.Object({
  name: Type.Optional(operand('The time zone, as under /usr/share/zoneinfo (Europe/Paris, Etc/UTC, ...).')),
  hwclock: Type.Optional(choice(['local', 'UTC'] as const, { description: 'Whether the hardware clock keeps local time or UTC.' })),
  rtc: aliasOf('hwclock', Type.Optional(choice(['local', 'UTC'] as const, { description: 'Alias of hwclock.' }))),
});

/** timedatectl status's "Time zone:" and "RTC in local TZ:" lines. */
function readStatus(text: string): { name?: string | undefined; hwclock?: 'local' | 'UTC' | undefined } {
  const name = /^\s*Time ?zone\s*:\s*(\S+)/m.exec(text)?.[1];
  const rtc = /^\s*RTC in local TZ\s*:\s*(\S+)/m.exec(text)?.[1];
  return { name, hwclock: rtc === undefined ? undefined : /^(yes|true|on|1)$/i.test(rtc) ? 'local' : 'UTC' };
}

export const timezoneModule = defineModule({
  name: 'timezone',
  aliases: ['community.general.timezone'],
  short: 'Set the system time zone and the hardware clock mode (timedatectl)',
  params,
  requiredOneOf: [['name', 'hwclock', 'rtc']],
  checkMode: 'plan',
  examples: `- name: Hosts keep Paris time, the RTC in UTC
  timezone:
    name: Europe/Paris
    hwclock: UTC
`,
  probe(p) {
    return {
      status: 'command -v timedatectl || exit 127; timedatectl status',
      ...(p.name === undefined ? {} : { zone: sh`test -f ${`/usr/share/zoneinfo/${p.name}`}` }),
    };
  },
  plan(p, observed) {
    const status = observed.status;
    if (status === undefined || status.code !== 0) {
      return { kind: 'fail', msg: `kplay sets the time zone with timedatectl, which is ${status?.code === 127 ? 'not installed' : 'not usable'} on this host${status?.stderr.trim() ? `: ${status.stderr.trim()}` : ''}` };
    }
    if (p.name !== undefined && observed.zone?.code !== 0) return { kind: 'fail', msg: `Error message:\ngiven timezone "${p.name}" is not available` };
    const [tool = 'timedatectl', ...rest] = status.stdout.split('\n');
    const before = readStatus(rest.join('\n'));
    const hwclock = p.hwclock ?? p.rtc;
    const steps: Step[] = [];
    const executed: string[] = [];
    // Ansible's order: hwclock, then name
    if (hwclock !== undefined && before.hwclock !== hwclock) {
      const argv = [tool, 'set-local-rtc', hwclock === 'local' ? 'yes' : 'no'];
      steps.push({ cmd: shellJoin(argv), describe: `keep the RTC in ${hwclock} time` });
      executed.push(`executed \`${argv.join(' ')}\``);
    }
    if (p.name !== undefined && before.name !== p.name) {
      const argv = [tool, 'set-timezone', p.name];
      steps.push({ cmd: shellJoin(argv), describe: `set the time zone to ${p.name}` });
      executed.push(`executed \`${argv.join(' ')}\``);
    }
    const wanted = { ...(hwclock === undefined ? {} : { hwclock }), ...(p.name === undefined ? {} : { name: p.name }) };
    if (steps.length === 0) return { kind: 'ok', reason: `the time zone is ${before.name ?? '?'}${hwclock !== undefined ? `, the RTC in ${before.hwclock ?? '?'}` : ''}` };
    return { kind: 'change', summary: steps.map((s) => s.describe).join(', '), steps, data: { msg: executed.join('\n'), ...wanted } };
  },
});
