// file under the real sh of this machine: the type-only probe agrees with stat(1) on every kind of path, and the
// module applied for real on odd names (quoting) changes once and then plans ok (idempotence).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStat, statCommand, typeCommand } from '../../../modules/common/stat.js';
import { fileModule } from '../../../modules/file.js';
import { applyLocally } from './support/apply-locally.js';

describe('file probes under a real shell', () => {
  it('the type-only probe reads each kind of path as stat(1) does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-type-'));
    writeFileSync(join(dir, 'f'), 'x');
    mkdirSync(join(dir, 'd'));
    symlinkSync('f', join(dir, 'l'));
    symlinkSync('nowhere', join(dir, 'dangling'));
    symlinkSync('d', join(dir, 'ld'));
    execFileSync('mkfifo', [join(dir, 'p')]);
    const run = (cmd: string) => {
      const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 };
    };
    for (const name of ['f', 'd', 'l', 'dangling', 'ld', 'p', 'missing', "it's a b"]) {
      const path = join(dir, name);
      for (const follow of [false, true]) {
        expect([name, follow, parseStat(run(typeCommand(path, follow)))?.type]).toEqual([name, follow, parseStat(run(statCommand(path, follow)))?.type]);
      }
    }
  });
});

describe('file applied for real on odd names, then again: ok', () => {
  const names = ['semi;colon', 'dollar $(touch PWNED)', 'back `touch PWNED` tick', `quote ' and "`, 'star *', 'new\nline'];
  for (const n of names) {
    it(JSON.stringify(n), () => {
      const base = mkdtempSync(join(tmpdir(), 'kplay-file-'));
      writeFileSync(join(base, 'decoy'), '');
      const dir = join(base, n);
      const first = applyLocally(fileModule, { path: dir, state: 'directory', mode: '0750', recurse: false, force: false }, base);
      expect(first.failed).toBeUndefined();
      expect(first.plan.kind).toBe('change');
      expect(statSync(dir).isDirectory()).toBe(true);
      expect(statSync(dir).mode & 0o7777).toBe(0o750);
      expect(applyLocally(fileModule, { path: dir, state: 'directory', mode: '0750', recurse: false, force: false }, base).plan.kind).toBe('ok');

      const link = join(base, `${n}.link`);
      expect(applyLocally(fileModule, { path: link, src: dir, state: 'link', recurse: false, force: false }, base).failed).toBeUndefined();
      expect(readlinkSync(link)).toBe(dir);
      expect(applyLocally(fileModule, { path: link, src: dir, state: 'link', recurse: false, force: false }, base).plan.kind).toBe('ok');

      const f = join(dir, n);
      expect(applyLocally(fileModule, { path: f, state: 'touch', mode: 'u=rw,g=r,o=', recurse: false, force: false }, base).failed).toBeUndefined();
      expect(statSync(f).mode & 0o777).toBe(0o640);
      expect(applyLocally(fileModule, { path: f, state: 'file', mode: 'u=rw,g=r,o=', recurse: false, force: false }, base).plan.kind).toBe('ok');

      expect(applyLocally(fileModule, { path: dir, state: 'absent', recurse: false, force: false }, base).failed).toBeUndefined();
      expect(existsSync(dir)).toBe(false);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(existsSync(join(base, 'PWNED'))).toBe(false);
      expect(existsSync(join(base, 'decoy'))).toBe(true);
    });
  }

  it('recurse applies beneath and is then idempotent', () => {
    const base = mkdtempSync(join(tmpdir(), 'kplay-file-'));
    mkdirSync(join(base, 'd/sub'), { recursive: true });
    writeFileSync(join(base, 'd/sub/f'), '');
    const params = { path: join(base, 'd'), state: 'directory', mode: 'u=rwX,g=rX,o=', recurse: true, force: false };
    expect(applyLocally(fileModule, params, base).plan.kind).toBe('change');
    expect(statSync(join(base, 'd/sub/f')).mode & 0o777).toBe(0o640);
    expect(statSync(join(base, 'd/sub')).mode & 0o777).toBe(0o750);
    expect(applyLocally(fileModule, params, base).plan.kind).toBe('ok');
  });
});
