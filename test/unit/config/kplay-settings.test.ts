// kplay's own settings (run store), as data: the environment above ansible.cfg's [kplay] section above the default;
// a file is resolved where it was named, a database URL kept as written; a bad boolean is a clear error.
import { describe, expect, it } from 'vitest';
import { runStoreSettings } from '../../../engine/config/kplay.js';
import type { ResolvedConfig } from '../../../engine/config/index.js';

const cfg = (values: Record<string, string>, file = '/etc/kplay/ansible.cfg'): ResolvedConfig => ({
  file,
  settings: new Map(),
  warnings: [],
  sections: new Map([['kplay', new Map(Object.entries(values).map(([k, v]) => [k, { value: v, line: 2 }]))]]),
});

describe('run store settings', () => {
  it('defaults to the user data directory, XDG_DATA_HOME when set', () => {
    expect(runStoreSettings(cfg({}), { HOME: '/home/ops' }, '/work')).toEqual({ record: true, path: '/home/ops/.local/share/kplay/runs.sqlite' });
    expect(runStoreSettings(cfg({}), { HOME: '/home/ops', XDG_DATA_HOME: '/data' }, '/work').path).toBe('/data/kplay/runs.sqlite');
  });
  it('takes a PostgreSQL URL as written, from the environment or ansible.cfg', () => {
    const url = 'postgres://kplay:pw@db.example:5432/kplay';
    expect(runStoreSettings(cfg({}), { KPLAY_RUN_STORE: url }, '/work').path).toBe(url);
    expect(runStoreSettings(cfg({ run_store: url }), {}, '/work').path).toBe(url);
  });
  it('resolves a file from the environment against the working directory, from ansible.cfg against its directory', () => {
    expect(runStoreSettings(cfg({ run_store: 'runs.db' }), { KPLAY_RUN_STORE: 'here.db' }, '/work').path).toBe('/work/here.db');
    expect(runStoreSettings(cfg({ run_store: 'runs.db' }), {}, '/work').path).toBe('/etc/kplay/runs.db');
    expect(runStoreSettings(cfg({ run_store: '~/r.db' }), { HOME: '/home/ops' }, '/work').path).toBe('/home/ops/r.db');
  });
  it('turns recording off from the environment above ansible.cfg, and names a bad boolean', () => {
    expect(runStoreSettings(cfg({ record: 'no' }), {}, '/work').record).toBe(false);
    expect(runStoreSettings(cfg({ record: 'no' }), { KPLAY_RECORD: 'yes' }, '/work').record).toBe(true);
    expect(() => runStoreSettings(cfg({ record: 'maybe' }), {}, '/work')).toThrow('/etc/kplay/ansible.cfg:2 (record): expected a boolean');
  });
});
