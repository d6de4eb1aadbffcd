// service/systemd: the systemctl show parser and the module's documentation. Its plans are cases in
// test/unit/modules/cases/service.yml (the module kit).
import { describe, expect, it } from 'vitest';
import { serviceModule } from '../../../modules/service.js';
import { parseShow, showCommand, unitName } from '../../../modules/support/systemctl-show.js';

describe('service', () => {
  it('documents every parameter; systemd is a module of its own', () => {
    for (const [k, s] of Object.entries(serviceModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
    expect(serviceModule.aliases ?? []).not.toContain('systemd');
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
