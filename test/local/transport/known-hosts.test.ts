// known_hosts parsing and matching: plain, [host]:port, lists, wildcards, negation, markers, hashed (ssh-keygen -H).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideHostKey } from '../../../engine/transport/host-key-check.js';
import { appendKnownHost, readKnownHosts } from '../../../engine/transport/known-hosts-file.js';
import {
  entriesConcerning,
  fingerprint,
  judgeHostKey,
  keyTypeOf,
  knownHostName,
  parseKnownHosts,
  preferredHostKeyAlgorithms,
  type KnownHostEntry,
} from '../../../engine/transport/known-hosts.js';

let dir: string;
let keyA: Buffer; // the host's key
let keyB: Buffer; // another key
let b64A: string;
let b64B: string;

function newKey(name: string): Buffer {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  const pub = readFileSync(join(dir, `${name}.pub`), 'utf8').split(' ');
  return Buffer.from(pub[1] ?? '', 'base64');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kplay-kh-'));
  keyA = newKey('a');
  keyB = newKey('b');
  b64A = keyA.toString('base64');
  b64B = keyB.toString('base64');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('knownHostName', () => {
  it.each([
    ['Host1', 22, 'host1'],
    ['10.0.0.1', 2222, '[10.0.0.1]:2222'],
  ])('%s port %i -> %s', (h, p, want) => expect(knownHostName(h, p)).toBe(want));
});

describe('judgeHostKey on plain entries', () => {
  const file = (): string => `
# a comment
web1 ssh-ed25519 ${b64A}
[web2]:2222 ssh-ed25519 ${b64A} comment here
db1,db2,10.1.1.1 ssh-ed25519 ${b64A}
*.lab.test,!evil.lab.test ssh-ed25519 ${b64A}
changed1 ssh-ed25519 ${b64B}
@cert-authority *.ca.test ssh-ed25519 ${b64A}
@revoked revokedhost ssh-ed25519 ${b64B}
garbage line
`;
  const cases: { host: string; port: number; key: 'A' | 'B'; want: string }[] = [
    { host: 'web1', port: 22, key: 'A', want: 'known' },
    { host: 'WEB1', port: 22, key: 'A', want: 'known' },
    { host: 'web1', port: 2222, key: 'A', want: 'unknown' },
    { host: 'web2', port: 2222, key: 'A', want: 'known' },
    { host: 'web2', port: 22, key: 'A', want: 'unknown' },
    { host: 'db2', port: 22, key: 'A', want: 'known' },
    { host: '10.1.1.1', port: 22, key: 'A', want: 'known' },
    { host: 'x.lab.test', port: 22, key: 'A', want: 'known' },
    { host: 'evil.lab.test', port: 22, key: 'A', want: 'unknown' },
    { host: 'web1', port: 22, key: 'B', want: 'revoked' },
    { host: 'changed1', port: 22, key: 'A', want: 'changed' },
    { host: 'db1', port: 22, key: 'B', want: 'revoked' },
    { host: 'h.ca.test', port: 22, key: 'A', want: 'unknown' },
    { host: 'nobody', port: 22, key: 'A', want: 'unknown' },
  ];
  it.each(cases)('$host:$port key $key -> $want', ({ host, port, key, want }) => {
    const entries = parseKnownHosts(file(), 'kh');
    expect(judgeHostKey(entries, host, port, key === 'A' ? keyA : keyB).kind).toBe(want);
  });

  it.each(cases)('$host:$port key $key: the same verdict from the entries a connection keeps', ({ host, port, key }) => {
    const entries = parseKnownHosts(file(), 'kh');
    const kept = entriesConcerning(entries, host, port);
    const blob = key === 'A' ? keyA : keyB;
    expect(judgeHostKey(kept, host, port, blob)).toEqual(judgeHostKey(entries, host, port, blob));
    expect(kept.length).toBeLessThan(entries.length);
  });

  it('skips comments and garbage, keeps markers and line numbers', () => {
    const entries = parseKnownHosts(file(), 'kh');
    expect(entries).toHaveLength(7);
    expect(entries[0]?.line).toBe(3);
    expect(entries.map((e) => e.marker).filter(Boolean)).toEqual(['cert-authority', 'revoked']);
  });
});

describe('hashed entries made by ssh-keygen -H', () => {
  it('match the host they were made for, and only it', () => {
    const f = join(dir, 'hashed');
    writeFileSync(f, `plainhost ssh-ed25519 ${b64A}\n[10.9.9.9]:2201 ssh-ed25519 ${b64A}\nother ssh-ed25519 ${b64B}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', f], { stdio: 'ignore' });
    const text = readFileSync(f, 'utf8');
    expect(text).not.toContain('plainhost');
    expect(text).toMatch(/^\|1\|/m);
    const entries = parseKnownHosts(text, f);
    expect(entries.every((e) => e.hosts.kind === 'hashed')).toBe(true);
    expect(judgeHostKey(entries, 'plainhost', 22, keyA).kind).toBe('known');
    expect(judgeHostKey(entries, '10.9.9.9', 2201, keyA).kind).toBe('known');
    expect(judgeHostKey(entries, '10.9.9.9', 22, keyA).kind).toBe('unknown');
    expect(judgeHostKey(entries, 'other', 22, keyA).kind).toBe('changed');
    expect(judgeHostKey(entries, 'plainhos', 22, keyA).kind).toBe('unknown');
  });
});

describe('key blobs', () => {
  it('reads the type and the fingerprint as ssh-keygen -l prints it', () => {
    expect(keyTypeOf(keyA)).toBe('ssh-ed25519');
    const printed = execFileSync('ssh-keygen', ['-l', '-f', join(dir, 'a.pub')], { encoding: 'utf8' });
    expect(printed).toContain(fingerprint(keyA));
  });
  it('orders host key algorithms with the known types first', () => {
    const entries: KnownHostEntry[] = parseKnownHosts(`h ssh-rsa AAAA\n`, 'kh');
    expect(preferredHostKeyAlgorithms(entries, ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']).slice(0, 3)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ]);
  });
});

describe('decideHostKey', () => {
  const ctx = (mode: 'strict' | 'accept-new' | 'off', text: string) => ({
    host: 'web',
    address: '127.0.0.1',
    port: 2299,
    mode,
    entries: parseKnownHosts(text, '/k/known_hosts'),
    userFile: '/k/known_hosts',
  });
  it('strict + unknown: refused, and the message says exactly how to trust it', () => {
    const d = decideHostKey(ctx('strict', ''), keyA);
    expect(d.accept).toBe(false);
    if (d.accept) return;
    expect(d.error.code).toBe('host_key');
    expect(d.error.describe()).toContain('ssh-keyscan -p 2299 -t ssh-ed25519 127.0.0.1 >> /k/known_hosts');
    expect(d.error.describe()).toContain('StrictHostKeyChecking=accept-new');
    expect(d.error.message).toContain(fingerprint(keyA));
  });
  it('accept-new + unknown: accepted and recorded', () => {
    expect(decideHostKey(ctx('accept-new', ''), keyA)).toEqual({ accept: true, record: true });
  });
  it.each(['strict', 'accept-new'] as const)('%s + changed: refused', (mode) => {
    const d = decideHostKey(ctx(mode, `[127.0.0.1]:2299 ssh-ed25519 ${b64B}\n`), keyA);
    expect(d.accept).toBe(false);
    if (!d.accept) {
      expect(d.error.message).toContain('HOST KEY CHANGED');
      expect(d.error.describe()).toContain("ssh-keygen -R '[127.0.0.1]:2299'");
    }
  });
  it('off: anything goes', () => {
    expect(decideHostKey(ctx('off', `[127.0.0.1]:2299 ssh-ed25519 ${b64B}\n`), keyA).accept).toBe(true);
  });
  it('known: accepted, not recorded', () => {
    expect(decideHostKey(ctx('accept-new', `[127.0.0.1]:2299 ssh-ed25519 ${b64A}\n`), keyA)).toEqual({ accept: true, record: false });
  });
});

describe('appendKnownHost', () => {
  it('appends once, even when called concurrently, creating the directory', async () => {
    const f = join(dir, 'sub', 'known_hosts');
    await Promise.all([1, 2, 3, 4].map(() => appendKnownHost(f, '127.0.0.1', 2201, keyA)));
    await appendKnownHost(f, 'web', 22, keyB);
    const text = readFileSync(f, 'utf8');
    expect(text).toBe(`[127.0.0.1]:2201 ssh-ed25519 ${b64A}\nweb ssh-ed25519 ${b64B}\n`);
    const entries = await readKnownHosts([f, join(dir, 'missing')]);
    expect(judgeHostKey(entries, '127.0.0.1', 2201, keyA).kind).toBe('known');
  });
});
