// service (alias systemd): a systemd unit's run state, enablement and mask, read from one `systemctl show`.
// started/stopped/enabled/masked act only when needed; restarted/reloaded always act, as in Ansible.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { aliasOf, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { parseShow, showCommand, unitName, type UnitStatus } from './support/systemctl-show.js';

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

/** Unit file states for which `systemctl enable/disable` do not apply (systemctl is-enabled calls them enabled). */
const NOT_ENABLEABLE = new Set(['static', 'generated', 'indirect', 'transient', 'alias']);
const ENABLED = new Set(['enabled', 'enabled-runtime']);
/** The values of `use` that name systemd on a systemd host (Ansible's service action then runs systemd or service). */
const SYSTEMD_USE = new Set(['auto', 'service', 'systemd']);
const RUNNING = new Set(['active', 'reloading', 'activating']);

export const serviceModule = defineModule({
  name: 'service',
  aliases: ['systemd', 'systemd_service'],
  short: 'Start, stop, restart, reload, enable, disable, mask systemd units',
  examples: `- name: Start libvirtd now and on boot
  service:
    name: libvirtd
    state: started
    enabled: true

- name: Restart sshd after a config change
  systemd:
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

interface UnitPlan {
  readonly steps: Step[];
  readonly notes: string[];
}

type Wanted = { readonly state?: string | undefined; readonly enabled?: boolean | undefined; readonly masked?: boolean | undefined };

/** The systemctl commands from `u` to what is wanted, or a message when the request cannot apply. */
function planUnit(p: Wanted, unit: string, u: UnitStatus): UnitPlan | string {
  const steps: Step[] = [];
  const notes: string[] = [];
  const cmd = (describe: string, ...args: string[]): Step => ({ cmd: sh`systemctl ${args} -- ${unit}`, describe });
  let masked = u.loadState === 'masked' || u.unitFileState.startsWith('masked');
  let fileState = u.unitFileState;
  if (p.masked === true && !masked) {
    if (p.state === 'started' || p.state === 'restarted' || p.state === 'reloaded' || p.enabled === true) {
      return `${unit}: masked: true contradicts state ${p.state ?? ''}${p.enabled === true ? ' enabled: true' : ''}`;
    }
    steps.push(cmd(`mask ${unit}`, 'mask'));
    masked = true;
  }
  if (p.masked === false && masked) {
    steps.push(u.unitFileState === 'masked-runtime' ? cmd(`unmask ${unit} (runtime)`, 'unmask', '--runtime') : cmd(`unmask ${unit}`, 'unmask'));
    masked = false;
    // what is left once the mask is gone is unknown before it is removed: enable/disable are then planned outright
    fileState = 'unknown';
  }
  if (masked && (p.state === 'started' || p.state === 'restarted' || p.state === 'reloaded' || p.enabled === true)) {
    return `${unit} is masked: set masked: false to unmask it before it can be ${p.enabled === true ? 'enabled' : 'started'}`;
  }

  let enable: 'enable' | 'disable' | 'disable-runtime' | undefined;
  if (p.enabled !== undefined && !masked) {
    if (NOT_ENABLEABLE.has(fileState)) {
      notes.push(`${unit} is ${fileState}: enabled does not apply (it has no [Install] section to act on${fileState === 'static' ? '; it starts when another unit needs it' : ''})`);
    } else if (p.enabled && !ENABLED.has(fileState)) enable = 'enable';
    else if (!p.enabled && fileState === 'enabled-runtime') enable = 'disable-runtime';
    else if (!p.enabled && (fileState === 'enabled' || fileState === 'unknown')) enable = 'disable';
  }

  const running = RUNNING.has(u.activeState);
  let run: 'start' | 'stop' | 'restart' | 'reload' | undefined;
  if (p.state === 'started' && !running) run = 'start';
  else if (p.state === 'stopped' && (running || u.activeState === 'deactivating')) run = 'stop';
  else if (p.state === 'restarted') run = 'restart';
  else if (p.state === 'reloaded') run = running ? 'reload' : 'start';

  // `enable --now` / `disable --now` do both in one systemctl call
  if (enable === 'enable' && run === 'start') return { steps: [...steps, cmd(`enable and start ${unit}`, 'enable', '--now')], notes };
  if (enable === 'disable' && run === 'stop') return { steps: [...steps, cmd(`disable and stop ${unit}`, 'disable', '--now')], notes };
  if (enable === 'enable') steps.push(cmd(`enable ${unit}`, 'enable'));
  if (enable === 'disable') steps.push(cmd(`disable ${unit}`, 'disable'));
  if (enable === 'disable-runtime') steps.push(cmd(`disable ${unit} (runtime)`, 'disable', '--runtime'));
  if (run !== undefined) steps.push(cmd(`${run} ${unit}`, run));
  return { steps, notes };
}

function describeNow(u: UnitStatus): string {
  const parts = [u.activeState === 'active' ? `active (${u.subState})` : u.activeState];
  if (u.unitFileState !== '') parts.push(u.unitFileState);
  return parts.join(', ');
}

/** What the task would do on a host where the unit is not installed yet (predicted in check mode). */
function wouldDo(p: Wanted, unit: string): string {
  const u: UnitStatus = { loadState: 'loaded', loadError: '', activeState: 'inactive', subState: 'dead', unitFileState: 'disabled', needDaemonReload: false, canReload: false };
  const planned = planUnit(p, unit, u);
  const what = typeof planned === 'string' || planned.steps.length === 0 ? `manage ${unit}` : planned.steps.map((s) => s.describe).join(', ');
  return `${what} (the unit is not installed yet)`;
}
