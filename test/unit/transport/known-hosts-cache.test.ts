// known_hosts files read once per change (other writers, own appends, deletion) by one run's reader, one read shared
// by the connections that start together, nothing shared between runs, and host wildcard matching.
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendKnownHost, KnownHostsFiles } from '../../../engine/transport/known-hosts-file.js';
import { wildcardMatch } from '../../../engine/transport/known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-kh-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIN/M2fqGsKI9JQuzm/WH78f0VsGjg1q6+oIKn+CXX9X/';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIO6NZRj5TcowWAXRTmCzVBm27FQpqrSn+L6amzbAkJrg';

describe('known_hosts read once per change', () => {
  it('sees a file written by another process, and its own appends', async () => {
    const files = new KnownHostsFiles();
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `10.0.0.1 ssh-ed25519 ${KEY_A}\n`);
    expect((await files.read([file])).map((e) => e.line)).toEqual([1]);
    expect((await files.read([file])).map((e) => e.line)).toEqual([1]);
    appendFileSync(file, `10.0.0.2 ssh-ed25519 ${KEY_B}\n`);
    expect((await files.read([file])).map((e) => e.key)).toEqual([KEY_A, KEY_B]);
    await appendKnownHost(file, '10.0.0.3', 2222, Buffer.from(KEY_A, 'base64'));
    const after = await files.read([file]);
    expect(after).toHaveLength(3);
    expect(after[2]?.hosts).toEqual({ kind: 'patterns', patterns: ['[10.0.0.3]:2222'] });
  });

  it('a file that disappears reads as empty', async () => {
    const files = new KnownHostsFiles();
    const file = join(dir, 'gone');
    writeFileSync(file, `h ssh-ed25519 ${KEY_A}\n`);
    expect(await files.read([file])).toHaveLength(1);
    rmSync(file);
    expect(await files.read([file])).toEqual([]);
  });
});

describe('known_hosts read once for the connections that start together', () => {
  it('gives concurrent callers the same entries, and a later caller a fresh read', async () => {
    const files = new KnownHostsFiles();
    const file = join(dir, 'together');
    writeFileSync(file, `10.0.0.1 ssh-ed25519 ${KEY_A}\n`);
    const together = await Promise.all(Array.from({ length: 20 }, () => files.read([file])));
    for (const entries of together) expect(entries).toBe(together[0]);
    expect(together[0]?.map((e) => e.key)).toEqual([KEY_A]);
    appendFileSync(file, `10.0.0.2 ssh-ed25519 ${KEY_B}\n`);
    const later = await files.read([file]);
    expect(later.map((e) => e.key)).toEqual([KEY_A, KEY_B]);
  });

  it('keeps different file lists apart', async () => {
    const files = new KnownHostsFiles();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    writeFileSync(a, `h ssh-ed25519 ${KEY_A}\n`);
    writeFileSync(b, `h ssh-ed25519 ${KEY_B}\n`);
    const [fromA, fromB, fromBoth] = await Promise.all([files.read([a]), files.read([b]), files.read([a, b])]);
    expect(fromA.map((e) => e.key)).toEqual([KEY_A]);
    expect(fromB.map((e) => e.key)).toEqual([KEY_B]);
    expect(fromBoth.map((e) => e.key)).toEqual([KEY_A, KEY_B]);
  });
});

describe('known_hosts readers of two runs', () => {
  it('share nothing: each run parses for itself', async () => {
    const file = join(dir, 'two-runs');
    writeFileSync(file, `10.0.0.1 ssh-ed25519 ${KEY_A}\n`);
    const first = new KnownHostsFiles();
    const second = new KnownHostsFiles();
    const a = await first.read([file]);
    expect(await first.read([file])).toEqual(a);
    const b = await second.read([file]);
    expect(b).toEqual(a);
    expect(b[0]).not.toBe(a[0]);
  });
});

describe('wildcardMatch', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.1', '10.0.0.10', false],
    ['Web.Example', 'web.example', true],
    ['*.example', 'web.example', true],
    ['*.example', 'web.example.org', false],
    ['10.0.0.?', '10.0.0.7', true],
    ['10.0.0.?', '10.0.0.77', false],
    ['a.b', 'axb', false],
    ['[h]:22', '[h]:22', true],
    ['*', '', true],
  ] as const)('%s ~ %s: %s', (pattern, text, want) => {
    expect(wildcardMatch(pattern, text)).toBe(want);
    // the second call uses the cached pattern
    expect(wildcardMatch(pattern, text)).toBe(want);
  });
});
