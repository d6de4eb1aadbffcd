// systemd (systemd_service): Ansible's systemd module. A unit's run state, enablement and mask as service manages them
// (support/systemd-unit-plan.ts), plus what only systemd takes: daemon_reload and daemon_reexec (always run, and by
// themselves no change, as in Ansible), the manager's scope (system, user, global), no_block and force.
import { Type } from '@sinclair/typebox';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step, type StepOutput } from './contract.js';
import { parseProperties, parseShow, showCommand, unitName, type UnitStatus } from './support/systemctl-show.js';
import { describeNow, planUnit, wouldDo, type Systemctl } from './support/systemd-unit-plan.js';

const unitDoc = 'Name of the unit; without a suffix, .service is implied. Required by state, enabled and masked.';
const params = Type.Object({
  name: Type.Optional(operand(unitDoc)),
  service: aliasOf('name', Type.Optional(operand('Alias of name.'))),
  unit: aliasOf('name', Type.Optional(operand('Alias of name.'))),
  state: Type.Optional(
    choice(['reloaded', 'restarted', 'started', 'stopped'], {
      description: 'started/stopped act only when needed; restarted always restarts, reloaded always reloads (and starts a stopped unit).',
    }),
  ),
  enabled: Type.Optional(Type.Boolean({ description: 'Whether the unit starts on boot. Does not apply to static, generated, indirect or transient units.' })),
  force: Type.Optional(Type.Boolean({ description: 'Give systemctl --force: enable overrides conflicting symlinks, mask replaces a unit file.' })),
  masked: Type.Optional(Type.Boolean({ description: 'Whether the unit is masked (masked units cannot be started at all).' })),
  daemon_reload: Type.Boolean({ description: 'Run systemctl daemon-reload before anything else (not in check mode). By itself it is no change.', default: false }),
  'daemon-reload': aliasOf('daemon_reload', Type.Optional(Type.Boolean({ description: 'Alias of daemon_reload.' }))),
  daemon_reexec: Type.Boolean({ description: 'Run systemctl daemon-reexec before acting on the unit (not in check mode). By itself it is no change.', default: false }),
  'daemon-reexec': aliasOf('daemon_reexec', Type.Optional(Type.Boolean({ description: 'Alias of daemon_reexec.' }))),
  scope: choice(['system', 'user', 'global'], {
    description: "The service manager: the system's, the task user's (systemctl --user; XDG_RUNTIME_DIR defaults to /run/user/UID), or all users' (--global).",
    default: 'system',
  }),
  no_block: Type.Boolean({ description: 'Give systemctl --no-block: queue the job and do not wait for it to finish.', default: false }),
});

/** is-enabled exits 0 for these (Ansible's test of enabled), except indirect and alias. */
const IS_ENABLED = new Set(['enabled', 'enabled-runtime', 'linked', 'linked-runtime', 'static', 'generated', 'transient']);
const DAEMON_STEP = 'systemd daemon:';

/** systemctl with the task's options; a user manager needs XDG_RUNTIME_DIR, which a non-login ssh session may lack. */
function systemctlOf(p: { scope: string; no_block: boolean; force?: boolean | undefined }): Systemctl {
  const words = ['systemctl'];
  if (p.scope !== 'system') words.push(`--${p.scope}`);
  if (p.no_block) words.push('--no-block');
  if (p.force === true) words.push('--force');
  const env = p.scope === 'system' ? '' : 'XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}" ';
  return `${env}${words.join(' ')}`;
}

function daemonSteps(p: { daemon_reload: boolean; daemon_reexec: boolean }, systemctl: Systemctl): Step[] {
  const steps: Step[] = [];
  if (p.daemon_reload) steps.push({ cmd: `${systemctl} daemon-reload`, describe: `${DAEMON_STEP} reload unit files` });
  if (p.daemon_reexec) steps.push({ cmd: `${systemctl} daemon-reexec`, describe: `${DAEMON_STEP} re-execute` });
  return steps;
}

export const systemdModule = defineModule({
  name: 'systemd',
  aliases: ['systemd_service'],
  short: 'Control systemd units (state, enabled, masked) and the manager (daemon_reload, daemon_reexec, user scope)',
  examples: `- name: Reload unit files, then restart a unit without waiting for it
  systemd:
    name: myapp
    state: restarted
    daemon_reload: true
    no_block: true

- name: Mask a unit
  systemd:
    name: bluetooth
    masked: true
`,
  params,
  probe(p): Record<string, string> {
    const name = p.name ?? p.service ?? p.unit;
    return name === undefined ? {} : { show: showCommand(name, systemctlOf(p)) };
  },
  plan(given, observed, ctx) {
    const p = { ...given, daemon_reload: given.daemon_reload || given['daemon-reload'] === true, daemon_reexec: given.daemon_reexec || given['daemon-reexec'] === true };
    const name = p.name ?? p.service ?? p.unit;
    if (name === undefined) {
      const needy = (['state', 'enabled', 'masked'] as const).find((k) => p[k] !== undefined);
      if (needy !== undefined) return { kind: 'fail', msg: `missing parameter(s) required by '${needy}': name` };
    } else {
      const glob = ['*', '?', '['].find((g) => name.includes(g));
      if (glob !== undefined) return { kind: 'fail', msg: `This module does not currently support using glob patterns, found '${glob}' in service name: ${name}` };
    }
    const systemctl = systemctlOf(p);
    // Ansible runs daemon-reload/-reexec whatever the unit's state, never in check mode, and counts them as no change
    const daemon = ctx.check ? [] : daemonSteps(p, systemctl);
    if (name === undefined) {
      if (daemon.length === 0) return { kind: 'ok', reason: ctx.check ? 'check mode: the systemd manager is left as it is' : 'nothing asked of a unit', data: { name: null, status: {} } };
      return { kind: 'change', summary: daemon.map((s) => s.describe).join(', '), steps: daemon, data: { name: null, status: {} } };
    }
    const show = observed.show;
    if (!show || show.code === 127) return { kind: 'fail', msg: `systemctl was not found: ${name} cannot be managed without systemd` };
    if (show.code !== 0) return { kind: 'fail', msg: (show.stderr.trim() || show.stdout.trim() || `systemctl show failed with rc ${show.code}`).split('\n').join('; ') };
    const unit = unitName(name);
    const u = parseShow(show.stdout);
    const status = parseProperties(show.stdout);
    const base = { name, status };
    if (p.state === undefined && p.enabled === undefined && p.masked === undefined) return daemonOnly(daemon, base);

    if (u.loadState === 'not-found' && !(p.masked === true && p.state === undefined && p.enabled === undefined)) {
      return { kind: 'fail', msg: `Could not find the requested service ${name}: host`, missingPrerequisite: wouldDo(p, unit), data: base };
    }
    if (u.loadState === 'bad-setting' || u.loadState === 'error') return { kind: 'fail', msg: `Error loading unit file '${name}': ${u.loadError}`, data: base };
    const planned = planUnit(p, unit, u, systemctl);
    if (typeof planned === 'string') return { kind: 'fail', msg: planned, data: base };
    const data = { ...base, ...resultOf(p, u, planned.steps) };
    const steps = planned.steps.map(maskTolerated);
    if (steps.length === 0) return daemonOnly(daemon, data, [`${unit} is ${describeNow(u)}`, ...planned.notes].join('; '));
    return { kind: 'change', summary: steps.map((s) => s.describe).join(', '), steps: [...daemon, ...steps], data };
  },
  finish(_p, outputs) {
    return { changed: outputs.some((o: StepOutput) => !o.step.describe.startsWith(DAEMON_STEP)) };
  },
});

/**
 * Ansible's module ignores a failed mask or unmask of a unit that exists (systemctl refuses to mask a unit whose file
 * is in /etc/systemd/system): the task is changed and goes on. systemctl exits 1 on such a refusal.
 */
function maskTolerated(step: Step): Step {
  return /^(un)?mask /.test(step.describe) ? { ...step, okCodes: [0, 1] } : step;
}

/** Nothing to do to the unit: the daemon steps alone run (and finish reports no change), else ok. */
function daemonOnly(daemon: Step[], data: Record<string, unknown>, reason = 'nothing asked of the unit') {
  if (daemon.length === 0) return { kind: 'ok' as const, reason, data };
  return { kind: 'change' as const, summary: daemon.map((s) => s.describe).join(', '), steps: daemon, data };
}

/** Ansible's `enabled` (after the task) and `state` (the one asked; restarted and reloaded leave it started). */
function resultOf(p: { state?: string | undefined; enabled?: boolean | undefined }, u: UnitStatus, steps: readonly Step[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.enabled !== undefined) out.enabled = steps.some((s) => /^(enable|disable)/.test(s.describe)) ? p.enabled : IS_ENABLED.has(u.unitFileState);
  if (p.state !== undefined) out.state = p.state === 'stopped' ? 'stopped' : 'started';
  return out;
}
