// service: a systemd unit's run state, enablement and mask, read from one `systemctl show`.
// started/stopped/enabled/masked act only when needed; restarted/reloaded always act, as in Ansible.
import { Type } from '@sinclair/typebox';
import { aliasOf, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { parseShow, showCommand, unitName } from './support/systemctl-show.js';
import { describeNow, planUnit, wouldDo } from './support/systemd-unit-plan.js';

const params = Type.Object({
  name: Type.Optional(operand('Name of the unit; without a suffix, .service is implied. Required unless only daemon_reload is given.')),
  state: Type.Optional(
    Type.Union([Type.Literal('started'), Type.Literal('stopped'), Type.Literal('restarted'), Type.Literal('reloaded')], {
      description: 'started/stopped act only when needed; restarted always restarts, reloaded always reloads (and starts a stopped unit).',
    }),
  ),
  enabled: Type.Optional(Type.Boolean({ description: 'Whether the unit starts on boot. Does not apply to static, generated, indirect or transient units.' })),
  masked: Type.Optional(Type.Boolean({ description: 'Whether the unit is masked (masked units cannot be started at all).' })),
  daemon_reload: Type.Boolean({
    description: "Run systemctl daemon-reload first, so systemd reads changed unit files. With name, only when systemd reports the unit's files changed.",
    default: false,
  }),
  'daemon-reload': aliasOf('daemon_reload', Type.Optional(Type.Boolean({ description: 'Alias of daemon_reload.' }))),
  use: Type.Optional(
    Type.String({ description: "The service manager Ansible's service action should use: auto, service and systemd all mean systemd here; another (sysvinit, openrc, ...) fails the host." }),
  ),
  // what Ansible's service action drops before it runs the systemd module: accepted, with no effect on systemd hosts
  sleep: Type.Optional(Type.Integer({ description: 'Seconds between stop and start (init scripts); no effect with systemd, as in Ansible.' })),
  pattern: Type.Optional(Type.String({ description: 'A ps pattern for services without status (init scripts); no effect with systemd, as in Ansible.' })),
  runlevel: Type.Optional(Type.String({ description: 'The runlevel (OpenRC/sysv); no effect with systemd, as in Ansible.' })),
  arguments: Type.Optional(Type.String({ description: 'Arguments for the init script; no effect with systemd, as in Ansible.' })),
});

/** The values of `use` that name systemd on a systemd host (Ansible's service action then runs systemd or service). */
const SYSTEMD_USE = new Set(['auto', 'service', 'systemd']);

export const serviceModule = defineModule({
  name: 'service',
  short: 'Start, stop, restart, reload, enable, disable, mask systemd units',
  examples: `- name: Start libvirtd now and on boot
  service:
    name: libvirtd
    state: started
    enabled: true

- name: Restart sshd after a config change
  service:
    name: sshd
    state: restarted
    daemon_reload: true
`,
  params,
  probe(p): Record<string, string> {
    return p.name === undefined ? {} : { show: showCommand(p.name) };
  },
  plan(given, observed, ctx) {
    const p = { ...given, daemon_reload: given.daemon_reload || given['daemon-reload'] === true };
    if (p.use !== undefined && !SYSTEMD_USE.has(p.use.toLowerCase())) {
      return { kind: 'fail', msg: `use: ${p.use}: kplay manages services through systemd only (use auto, service or systemd)` };
    }
    const reload: Step = { cmd: 'systemctl daemon-reload', describe: 'reload systemd unit files' };
    if (p.name === undefined) {
      if (!p.daemon_reload) return { kind: 'fail', msg: 'name is required unless only daemon_reload is given' };
      // daemon-reload alone changes no unit's state: Ansible reports it as ok, and so does finish()
      if (ctx.check) return { kind: 'ok', reason: 'would run systemctl daemon-reload' };
      return { kind: 'change', summary: 'systemctl daemon-reload', steps: [reload] };
    }
    if (p.state === undefined && p.enabled === undefined && p.masked === undefined && !p.daemon_reload) {
      return { kind: 'fail', msg: 'one of state, enabled, masked or daemon_reload is required' };
    }
    const unit = unitName(p.name);
    const show = observed.show;
    if (!show || show.code === 127) return { kind: 'fail', msg: `systemctl was not found: ${unit} cannot be managed without systemd` };
    if (show.code !== 0) return { kind: 'fail', msg: `systemctl show ${unit} failed: ${(show.stderr.trim() || show.stdout.trim()).split('\n').join('; ')}` };
    const u = parseShow(show.stdout);
    const data = { name: unit, state: u.activeState, enabled: u.unitFileState, status: u };

    if (u.loadState === 'not-found' && !(p.masked === true && p.state === undefined && p.enabled === undefined)) {
      return { kind: 'fail', msg: `could not find the requested service ${p.name}`, missingPrerequisite: wouldDo(p, unit), data };
    }
    if (u.loadState === 'bad-setting' || u.loadState === 'error') {
      return { kind: 'fail', msg: `unit ${unit} could not be loaded (${u.loadState}): ${u.loadError || 'see systemctl status'}`, data };
    }
    const planned = planUnit(p, unit, u);
    if (typeof planned === 'string') return { kind: 'fail', msg: planned, data };
    const { steps, notes } = planned;
    if (p.daemon_reload && (u.needDaemonReload || steps.length > 0)) steps.unshift(reload);
    if (steps.length === 0) return { kind: 'ok', reason: [`${unit} is ${describeNow(u)}`, ...notes].join('; '), data };
    return { kind: 'change', summary: steps.map((s) => s.describe).join(', '), steps, data };
  },
  finish(p) {
    return p.name === undefined ? { changed: false } : {};
  },
});
