// file: plans as data (modes, links, recurse), then applied for real on odd names and planned again: ok.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readlinkSync, statSync, symlinkSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { parseStat, statCommand, typeCommand } from '../../../modules/common/stat.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observed, ProbeOutput } from '../../../modules/contract.js';
import { fileModule } from '../../../modules/file.js';
import { applyLocally, ctx, expectPlan, missing, out, plan, stat, type PlanCase } from './harness.js';

const dirOk = { parent: stat('directory', '755') };

/** The file module reads path, target and parent from one `paths` probe: its output for the three given here. */
function planFile(params: Record<string, unknown>, observed: Observed) {
  const { stat: st, target, parent, ...rest } = observed;
  const line = (name: string, o: ProbeOutput | undefined) => `${name} ${o?.code === 0 ? (o.stdout.split('\n')[0] ?? '') : ''}`;
  return plan(fileModule, params, { ...rest, paths: out(`${[line('stat', st), line('target', target), line('parent', parent)].join('\n')}\n`) });
}

const d = (p: Record<string, unknown>) => ({ recurse: false, force: false, ...p });

const cases: readonly PlanCase[] = [
  { name: 'directory exists with the mode: ok', params: d({ path: '/srv/x', state: 'directory', mode: '0755' }), observed: { stat: stat('directory', '755'), target: stat('directory', '755'), ...dirOk }, kind: 'ok', text: /wanted attributes/ },
  { name: 'mode as YAML 1.1 int 0644 (420) equals 644', params: d({ path: '/f', state: 'file', mode: 420 }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'ok' },
  { name: 'mode 644 without leading 0 is octal too', params: d({ path: '/f', state: 'file', mode: '644' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'ok' },
  { name: 'setuid bit counts: 4755 != 755', params: d({ path: '/f', state: 'file', mode: '0755' }), observed: { stat: stat('file', '4755'), target: stat('file', '4755') }, kind: 'change', cmds: ['chmod -- 0755 /f'] },
  { name: 'symbolic mode already satisfied', params: d({ path: '/f', state: 'file', mode: 'u+rw,g-w' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'ok' },
  { name: 'symbolic mode computed exactly', params: d({ path: '/f', state: 'file', mode: 'u+x,o=' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'change', cmds: ['chmod -- 0740 /f'] },
  { name: 'directory created with parents, mode and owner', params: d({ path: '/srv/a b', state: 'directory', mode: '0750', owner: 'qemu', group: 'kvm' }), observed: { stat: missing, target: missing, parent: missing }, kind: 'change', cmds: [`mkdir -p -- '/srv/a b'`, `chown -- qemu:kvm '/srv/a b'`, `chmod -- 0750 '/srv/a b'`] },
  { name: 'owner differs only', params: d({ path: '/f', owner: 'app' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'change', cmds: ['chown -- app /f'] },
  { name: 'numeric owner compared with uid', params: d({ path: '/f', owner: '0' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'ok' },
  { name: 'state file on a missing path fails (prerequisite)', params: d({ path: '/nope', state: 'file' }), observed: { stat: missing, target: missing, ...dirOk }, kind: 'fail', text: /file \(\/nope\) is absent, cannot continue/, prerequisite: true },
  { name: 'directory where a file is', params: d({ path: '/f', state: 'directory' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'fail', text: /already exists as a file/ },
  { name: 'absent when absent: ok', params: d({ path: '/gone', state: 'absent' }), observed: { stat: missing, target: missing }, kind: 'ok', text: /is absent/ },
  { name: 'absent removes recursively', params: d({ path: '/tmp/x;rm -rf /', state: 'absent' }), observed: { stat: stat('directory', '755'), target: stat('directory', '755') }, kind: 'change', cmds: [`rm -rf -- '/tmp/x;rm -rf /'`] },
  { name: 'touch is always a change', params: d({ path: '/f', state: 'touch' }), observed: { stat: stat('file', '644'), target: stat('file', '644'), ...dirOk }, kind: 'change', cmds: ['touch -- /f'] },
  { name: 'touch in a missing directory fails (prerequisite)', params: d({ path: '/no/f', state: 'touch' }), observed: { stat: missing, target: missing, parent: missing }, kind: 'fail', prerequisite: true },
  { name: 'link already right: ok', params: d({ path: '/l', src: '/t', state: 'link' }), observed: { stat: stat('link', '777'), target: stat('file', '644'), readlink: out('/t\n'), src: stat('file', '644'), ...dirOk }, kind: 'ok' },
  { name: 'link points elsewhere: relinked', params: d({ path: '/l', src: '/t', state: 'link' }), observed: { stat: stat('link', '777'), target: stat('file', '644'), readlink: out('/old\n'), src: stat('file', '644'), ...dirOk }, kind: 'change', cmds: ['ln -sfn -- /t /l'] },
  { name: 'link over a file needs force', params: d({ path: '/l', src: '/t', state: 'link' }), observed: { stat: stat('file', '644'), target: stat('file', '644'), readlink: missing, src: stat('file', '644'), ...dirOk }, kind: 'fail', text: /refusing to convert from file to symlink/ },
  { name: 'link to a missing src fails (prerequisite) unless force', params: d({ path: '/l', src: '/t', state: 'link' }), observed: { stat: missing, target: missing, readlink: missing, src: missing, ...dirOk }, kind: 'fail', prerequisite: true },
  { name: 'link to a missing src with force', params: d({ path: '/l', src: '/t', state: 'link', force: true }), observed: { stat: missing, target: missing, readlink: missing, src: missing, ...dirOk }, kind: 'change', cmds: ['ln -sfn -- /t /l'] },
  { name: 'state defaults to link when src is given', params: d({ path: '/l', src: '/t' }), observed: { stat: missing, target: missing, readlink: missing, src: stat('file', '644'), ...dirOk }, kind: 'change', cmds: ['ln -sfn -- /t /l'] },
  { name: 'hard link already the same inode', params: d({ path: '/h', src: '/t', state: 'hard' }), observed: { stat: stat('file', '644', 'root', 'root', '1:5'), target: stat('file', '644', 'root', 'root', '1:5'), src: stat('file', '644', 'root', 'root', '1:5'), ...dirOk }, kind: 'ok' },
  { name: 'recurse: everything beneath matches', params: d({ path: '/d', state: 'directory', recurse: true, owner: 'root', mode: '0755' }), observed: { stat: stat('directory', '755'), target: stat('directory', '755'), tree: out('f|755|root|root|0|0\nd|755|root|root|0|0\n') }, kind: 'ok' },
  { name: 'recurse: one file beneath differs', params: d({ path: '/d', state: 'directory', recurse: true, owner: 'root', mode: '0755' }), observed: { stat: stat('directory', '755'), target: stat('directory', '755'), tree: out('f|644|root|root|0|0\n') }, kind: 'change', cmds: ['chmod -R -- 0755 /d'] },
  { name: 'bad mode is refused', params: d({ path: '/f', mode: 'rwx' }), observed: { stat: stat('file', '644'), target: stat('file', '644') }, kind: 'fail', text: /octal or symbolic/ },
];

describe('file plans', () => {
  for (const c of cases) it(c.name, () => expectPlan(planFile(c.params, c.observed), c));

  it('probes quote the path; stat(1) only when an attribute is wanted', () => {
    const q = `'/tmp/it'"'"'s $(x)'`;
    const withMode = fileModule.probe?.({ path: "/tmp/it's $(x)", mode: '0644', recurse: false, force: false }, ctx()) ?? {};
    expect(withMode.paths).toContain(`{ test -e ${q} || test -h ${q}; } && stat -c '%F|%a|%U|%G|%u|%g|%s|%d:%i' -- ${q}`);
    expect(withMode.paths).toContain(`test -h ${q} && test -e ${q} && stat -L -c '%F|%a|%U|%G|%u|%g|%s|%d:%i' -- ${q}`);
    expect(withMode.paths).toContain(`test -d /tmp && echo directory`);
    const plain = fileModule.probe?.({ path: "/tmp/it's $(x)", state: 'absent', recurse: false, force: false }, ctx()) ?? {};
    expect(plain.paths).not.toContain('stat -');
    expect(plain.paths).toContain(`test -h ${q}`);
  });

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

describe('file without state', () => {
  it('on an existing symlink: attributes of what it points to', () => {
    const p = planFile({ path: '/l', mode: '0600', recurse: false, force: false }, { stat: stat('link', '777'), target: stat('file', '644'), ...dirOk });
    expect(p.kind === 'change' && p.steps.map((s) => s.cmd)).toEqual(['chmod -- 0600 /l']);
  });
  it('on an existing directory: directory', () => {
    expect(planFile({ path: '/d', mode: '0755', recurse: false, force: false }, { stat: stat('directory', '755'), target: stat('directory', '755') }).kind).toBe('ok');
  });
});
