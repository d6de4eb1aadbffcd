// A 500-host inventory (groups, children, vars, group_vars/ and host_vars/) loads whole; its load time is measured
// by `npm run bench:micro` (bench/micro.ts), not asserted here.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadInventorySync } from '../../../engine/inventory/index.js';

it('loads 500 hosts with their group and host variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-inv-speed-'));
  const lines: string[] = [];
  for (let g = 0; g < 10; g++) {
    lines.push(`[rack${g}]`);
    for (let h = 0; h < 50; h++) lines.push(`node${g}-${h} ansible_host=10.0.${g}.${h} slot=${h}`);
    lines.push(`[rack${g}:vars]`, `rack=${g}`);
  }
  lines.push('[dc:children]', ...Array.from({ length: 10 }, (_, g) => `rack${g}`), '[dc:vars]', 'ntp="ntp.example.com"');
  writeFileSync(join(dir, 'hosts'), lines.join('\n') + '\n');
  mkdirSync(join(dir, 'group_vars'));
  mkdirSync(join(dir, 'host_vars'));
  writeFileSync(join(dir, 'group_vars', 'all.yml'), 'env: prod\n');
  writeFileSync(join(dir, 'group_vars', 'rack3.yml'), 'special: true\n');
  for (let h = 0; h < 50; h++) writeFileSync(join(dir, 'host_vars', `node0-${h}.yml`), `own: ${h}\n`);

  const inv = loadInventorySync(['hosts'], dir);
  const list = inv.toAnsibleList();

  expect(inv.hostNames()).toHaveLength(500);
  expect(inv.hostVars('node3-7')).toMatchObject({ rack: 3, special: true, env: 'prod', slot: 7, ntp: 'ntp.example.com' });
  expect(inv.hostVars('node0-9')).toMatchObject({ own: 9 });
  expect(Object.keys((list['_meta'] as { hostvars: object }).hostvars)).toHaveLength(500);
});
