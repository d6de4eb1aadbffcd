// Connections that start together share one known_hosts read: one parsed copy, not one per connection.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKnownHosts } from '../../../engine/transport/known-hosts-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-kh-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIN/M2fqGsKI9JQuzm/WH78f0VsGjg1q6+oIKn+CXX9X/';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIO6NZRj5TcowWAXRTmCzVBm27FQpqrSn+L6amzbAkJrg';

describe('readKnownHosts', () => {
  it('gives concurrent callers the same entries, and a later caller a fresh read', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `10.0.0.1 ssh-ed25519 ${KEY_A}\n`);
    const together = await Promise.all(Array.from({ length: 20 }, () => readKnownHosts([file])));
    for (const entries of together) expect(entries).toBe(together[0]);
    expect(together[0]?.map((e) => e.key)).toEqual([KEY_A]);
    appendFileSync(file, `10.0.0.2 ssh-ed25519 ${KEY_B}\n`);
    const later = await readKnownHosts([file]);
    expect(later.map((e) => e.key)).toEqual([KEY_A, KEY_B]);
  });

  it('keeps different file lists apart', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, `h ssh-ed25519 ${KEY_A}\n`);
    writeFileSync(b, `h ssh-ed25519 ${KEY_B}\n`);
    const [fromA, fromB, fromBoth] = await Promise.all([readKnownHosts([a]), readKnownHosts([b]), readKnownHosts([a, b])]);
    expect(fromA.map((e) => e.key)).toEqual([KEY_A]);
    expect(fromB.map((e) => e.key)).toEqual([KEY_B]);
    expect(fromBoth.map((e) => e.key)).toEqual([KEY_A, KEY_B]);
  });
});
