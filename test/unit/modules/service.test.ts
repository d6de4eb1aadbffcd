// service/systemd: plans from systemctl show output as data, its probe, and the systemctl show parser.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { serviceModule } from '../../../modules/service.js';
import { parseShow, showCommand, unitName } from '../../../modules/support/systemctl-show.js';
import { expectation, observed, parsesAsSh, planContext, view, type Expected, type ProbeLiteral } from './fixtures/kvm/harness.js';
import * as out from './fixtures/kvm/systemctl-outputs.js';

const cases: readonly { name: string; params: Record<string, unknown>; show?: ProbeLiteral; check?: boolean; expected: Expected }[] = [
  { name: 'started + enabled, already so: ok, nothing run', params: { name: 'libvirtd', state: 'started', enabled: true }, show: out.runningEnabled, expected: { kind: 'ok', reason: 'libvirtd.service is active (running), enabled' } },
  { name: 'started + enabled from stopped/disabled: one enable --now', params: { name: 'libvirtd', state: 'started', enabled: true }, show: out.stoppedDisabled, expected: { kind: 'change', cmds: ['systemctl enable --now -- libvirtd.service'], summary: 'enable and start libvirtd.service' } },
  { name: 'started only, stopped: start', params: { name: 'libvirtd', state: 'started' }, show: out.stoppedEnabled, expected: { kind: 'change', cmds: ['systemctl start -- libvirtd.service'] } },
  { name: 'started, failed unit: start', params: { name: 'libvirtd', state: 'started' }, show: out.failedEnabled, expected: { kind: 'change', cmds: ['systemctl start -- libvirtd.service'] } },
  { name: 'enabled only, running but disabled: enable', params: { name: 'libvirtd', enabled: true }, show: out.runningDisabled, expected: { kind: 'change', cmds: ['systemctl enable -- libvirtd.service'] } },
  { name: 'stopped + disabled from running/enabled: disable --now', params: { name: 'libvirtd', state: 'stopped', enabled: false }, show: out.runningEnabled, expected: { kind: 'change', cmds: ['systemctl disable --now -- libvirtd.service'] } },
  { name: 'stopped, already stopped: ok', params: { name: 'libvirtd', state: 'stopped' }, show: out.stoppedDisabled, expected: { kind: 'ok' } },
  { name: 'restarted always changes', params: { name: 'libvirtd', state: 'restarted' }, show: out.runningEnabled, expected: { kind: 'change', cmds: ['systemctl restart -- libvirtd.service'] } },
  { name: 'reloaded always changes', params: { name: 'libvirtd', state: 'reloaded' }, show: out.runningEnabled, expected: { kind: 'change', cmds: ['systemctl reload -- libvirtd.service'] } },
  { name: 'reloaded on a stopped unit starts it', params: { name: 'libvirtd', state: 'reloaded' }, show: out.stoppedEnabled, expected: { kind: 'change', cmds: ['systemctl start -- libvirtd.service'] } },
  { name: 'restarted + enabled from disabled: enable, then restart', params: { name: 'libvirtd', state: 'restarted', enabled: true }, show: out.runningDisabled, expected: { kind: 'change', cmds: ['systemctl enable -- libvirtd.service', 'systemctl restart -- libvirtd.service'] } },
  {
    name: 'not-found: fails as Ansible does, with the would-be action for check mode',
    params: { name: 'libvirtd', state: 'started', enabled: true },
    show: out.notFound,
    expected: { kind: 'fail', msg: 'could not find the requested service libvirtd', missingPrerequisite: 'enable and start libvirtd.service (the unit is not installed yet)' },
  },
  { name: 'masking a not-found unit is allowed', params: { name: 'libvirtd', masked: true }, show: out.notFound, expected: { kind: 'change', cmds: ['systemctl mask -- libvirtd.service'] } },
  { name: 'static unit + enabled: ok with a clear reason', params: { name: 'systemd-journald', enabled: true, state: 'started' }, show: out.staticRunning, expected: { kind: 'ok', reason: /static: enabled does not apply/ } },
  { name: 'static unit + enabled false: still no command', params: { name: 'systemd-journald', enabled: false }, show: out.staticRunning, expected: { kind: 'ok', reason: /static/ } },
  { name: 'static stopped + started: start only', params: { name: 'systemd-journald', enabled: true, state: 'started' }, show: out.staticStopped, expected: { kind: 'change', cmds: ['systemctl start -- systemd-journald.service'] } },
  { name: 'enabled-runtime counts as enabled', params: { name: 'libvirtd', enabled: true }, show: out.enabledRuntime, expected: { kind: 'ok', reason: /enabled-runtime/ } },
  { name: 'enabled-runtime + enabled false: disable --runtime', params: { name: 'libvirtd', enabled: false }, show: out.enabledRuntime, expected: { kind: 'change', cmds: ['systemctl disable --runtime -- libvirtd.service'] } },
  { name: 'masked unit asked to start: fails saying to unmask', params: { name: 'libvirtd', state: 'started' }, show: out.masked, expected: { kind: 'fail', msg: /is masked: set masked: false/ } },
  { name: 'masked: false + started: unmask then start', params: { name: 'libvirtd', masked: false, state: 'started' }, show: out.masked, expected: { kind: 'change', cmds: ['systemctl unmask -- libvirtd.service', 'systemctl start -- libvirtd.service'] } },
  { name: 'masked: true on a masked unit: ok', params: { name: 'libvirtd', masked: true }, show: out.masked, expected: { kind: 'ok' } },
  { name: 'masked: true + started contradicts', params: { name: 'libvirtd', masked: true, state: 'started' }, show: out.stoppedDisabled, expected: { kind: 'fail', msg: /contradicts/ } },
  { name: 'daemon_reload with unchanged unit files: nothing to do', params: { name: 'libvirtd', daemon_reload: true, state: 'started' }, show: out.runningEnabled, expected: { kind: 'ok' } },
  { name: 'daemon_reload when systemd says the files changed', params: { name: 'libvirtd', daemon_reload: true, state: 'started' }, show: out.needsReload, expected: { kind: 'change', cmds: ['systemctl daemon-reload'] } },
  { name: 'daemon_reload runs first before other actions', params: { name: 'libvirtd', daemon_reload: true, state: 'restarted' }, show: out.runningEnabled, expected: { kind: 'change', cmds: ['systemctl daemon-reload', 'systemctl restart -- libvirtd.service'] } },
  { name: 'daemon_reload alone without name: runs it', params: { daemon_reload: true }, expected: { kind: 'change', cmds: ['systemctl daemon-reload'] } },
  { name: 'daemon_reload alone in check mode: ok (it changes no unit)', params: { daemon_reload: true }, check: true, expected: { kind: 'ok' } },
  { name: 'bad unit file: fails with systemd\'s load error', params: { name: 'libvirtd', state: 'started' }, show: out.badSetting, expected: { kind: 'fail', msg: /bad-setting.*bad unit file setting/ } },
  { name: 'no systemd on the host', params: { name: 'libvirtd', state: 'started' }, show: { code: 1, stderr: out.noSystemd }, expected: { kind: 'fail', msg: /System has not been booted with systemd/ } },
  { name: 'nothing asked', params: { name: 'libvirtd' }, show: out.runningEnabled, expected: { kind: 'fail', msg: /one of state, enabled, masked or daemon_reload/ } },
  { name: 'unit with a suffix keeps it', params: { name: 'libvirtd.socket', state: 'started' }, show: out.stoppedEnabled, expected: { kind: 'change', cmds: ['systemctl start -- libvirtd.socket'] } },
];

function params(p: Record<string, unknown>): never {
  return Value.Default(serviceModule.params, { ...p }) as never;
}

describe('service plan', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = serviceModule.plan(params(c.params), observed(c.show === undefined ? {} : { show: c.show }), planContext(c.check ?? false));
      expect(view(plan)).toMatchObject(expectation(c.expected, (r) => expect.stringMatching(r)));
      if (plan.kind === 'change') for (const s of plan.steps) expect(parsesAsSh(s.cmd)).toBe(true);
    });
  }

  it('probes one systemctl show with every property, and nothing without a name', () => {
    expect(serviceModule.probe?.(params({ name: 'libvirtd', state: 'started' }), planContext())).toEqual({
      show: 'systemctl show -p Id,LoadState,LoadError,ActiveState,SubState,UnitFileState,NeedDaemonReload,CanReload -- libvirtd.service',
    });
    expect(serviceModule.probe?.(params({ daemon_reload: true }), planContext())).toEqual({});
  });

  it('reports daemon-reload alone as not changed, as Ansible does', () => {
    expect(serviceModule.finish?.(params({ daemon_reload: true }), [])).toEqual({ changed: false });
    expect(serviceModule.finish?.(params({ name: 'x', state: 'restarted' }), [])).toEqual({});
  });

  it('documents every parameter; systemd is an alias', () => {
    for (const [k, s] of Object.entries(serviceModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
    expect(serviceModule.aliases).toContain('systemd');
  });
});

describe('systemctl show parser', () => {
  it('reads properties in any order', () => {
    const u = parseShow('UnitFileState=enabled\nActiveState=active\nLoadState=loaded\nSubState=running\nNeedDaemonReload=yes\n');
    expect(u).toMatchObject({ loadState: 'loaded', activeState: 'active', subState: 'running', unitFileState: 'enabled', needDaemonReload: true, canReload: false });
  });
  it('keeps = inside values (LoadError)', () => {
    expect(parseShow('LoadError=org.freedesktop.systemd1.NoSuchUnit "a=b"\n').loadError).toBe('org.freedesktop.systemd1.NoSuchUnit "a=b"');
  });
  it.each([
    ['libvirtd', 'libvirtd.service'],
    ['libvirtd.socket', 'libvirtd.socket'],
    ['getty@tty1', 'getty@tty1.service'],
    ['multi-user.target', 'multi-user.target'],
  ])('unit name %s -> %s', (n, u) => {
    expect(unitName(n)).toBe(u);
  });
  it('quotes odd names', () => {
    expect(showCommand("a b")).toContain("'a b.service'");
  });
});
