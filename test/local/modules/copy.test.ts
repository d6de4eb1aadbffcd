// copy and template applied under this machine's sh in a scratch directory: odd names and content written
// atomically then ok, the replaced file's mode kept, backup, validate, dest/; template renders from templates/.
// Plans: test/unit/modules/cases/copy.yml and template.yml.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProbeOutput } from '../../../modules/contract.js';
import { copyModule } from '../../../modules/copy.js';
import { templateModule } from '../../../modules/template.js';
import { applyLocally, ctx, out, plan } from './support/apply-locally.js';

const defaults = { backup: false, force: true };
const missing: ProbeOutput = { stdout: '', stderr: 'No such file or directory', code: 1 };

describe('copy applied for real', () => {
  const names = ['semi;colon', 'dollar $(touch PWNED)', 'back `touch PWNED` tick', `quote ' and "`, 'star *', 'new\nline'];
  const content = `line $(touch PWNED) \`x\` 'q' "q" ; *\nsecond\n`;
  for (const n of names) {
    it(`writes ${JSON.stringify(n)} atomically, then reports ok`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kplay-copy-'));
      const dest = join(dir, n);
      const params = { ...defaults, content, dest, mode: '0640' };
      const first = applyLocally(copyModule, params, dir);
      expect(first.failed).toBeUndefined();
      expect(first.plan.kind).toBe('change');
      expect(readFileSync(dest, 'utf8')).toBe(content);
      expect(statSync(dest).mode & 0o7777).toBe(0o640);
      expect(applyLocally(copyModule, params, dir).plan.kind).toBe('ok');
      expect(existsSync(join(dir, 'PWNED'))).toBe(false);
      expect(readdirSync(dir)).toEqual([n]); // no temp file left behind
    });
  }

  it('keeps the mode of the file it replaces, makes a backup, then changes only the mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-copy-'));
    const dest = join(dir, 'conf');
    writeFileSync(dest, 'old\n', { mode: 0o600 });
    const r = applyLocally(copyModule, { ...defaults, backup: true, content: 'new\n', dest }, dir);
    expect(r.failed).toBeUndefined();
    expect(readFileSync(dest, 'utf8')).toBe('new\n');
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    const fin = copyModule.finish?.({ ...defaults, content: 'new\n', dest }, r.outputs);
    const backup = String(fin?.data?.backup_file);
    expect(readFileSync(backup, 'utf8')).toBe('old\n');
    // the write step's own stat: the result's attributes, as Ansible's add_path_info
    expect(fin?.data).toMatchObject({ mode: '0600', state: 'file', size: 4, uid: statSync(dest).uid });
    expect(String(fin?.data?.src)).toContain(`${dir}/.kplay-`);
    const again = applyLocally(copyModule, { ...defaults, content: 'new\n', dest, mode: '0644' }, dir);
    expect(again.plan.kind === 'change' && again.plan.steps.map((s) => s.cmd)[0]).toBe(`chmod -- 0644 ${dest}`);
    expect(copyModule.finish?.({ ...defaults, content: 'new\n', dest, mode: '0644' }, again.outputs).data).toMatchObject({ mode: '0644', state: 'file' });
  });

  it('a failing validate leaves dest untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-copy-'));
    const dest = join(dir, 'conf');
    writeFileSync(dest, 'old\n');
    const r = applyLocally(copyModule, { ...defaults, content: 'bad\n', dest, validate: 'grep -q good %s' }, dir);
    expect(r.failed).toBeDefined();
    expect(readFileSync(dest, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['conf']);
  });

  it('dest ending in / is a directory to create, the file inside named after src', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-copy-'));
    const c = ctx({ files: { 'vm1.xml': '<domain/>\n' } });
    const r = applyLocally(copyModule, { ...defaults, src: 'vm1.xml', dest: `${dir}/defs/` }, dir, c);
    expect(r.failed).toBeUndefined();
    expect(readFileSync(join(dir, 'defs/vm1.xml'), 'utf8')).toBe('<domain/>\n');
    expect(applyLocally(copyModule, { ...defaults, src: 'vm1.xml', dest: `${dir}/defs/` }, dir, c).plan.kind).toBe('ok');
    mkdirSync(join(dir, 'other'));
    expect(applyLocally(copyModule, { ...defaults, src: 'vm1.xml', dest: join(dir, 'other') }, dir, c).plan.kind).toBe('change');
    expect(existsSync(join(dir, 'other/vm1.xml'))).toBe(true);
  });
});

describe('template', () => {
  it('renders the file from templates/ and writes it like copy, then ok', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-tpl-'));
    const c = ctx({ files: { 'libvirtd.conf.j2': 'listen_tls = {{ tls }}\n' }, vars: { tls: 0 } });
    const params = { ...defaults, src: 'libvirtd.conf.j2', dest: join(dir, 'libvirtd.conf'), mode: '0644' };
    expect(applyLocally(templateModule, params, dir, c).failed).toBeUndefined();
    expect(readFileSync(join(dir, 'libvirtd.conf'), 'utf8')).toBe('listen_tls = 0\n');
    expect(applyLocally(templateModule, params, dir, c).plan.kind).toBe('ok');
    const c2 = ctx({ files: { 'libvirtd.conf.j2': 'listen_tls = {{ tls }}\n' }, vars: { tls: 1 } });
    expect(applyLocally(templateModule, params, dir, c2).plan.kind).toBe('change');
  });

  it('reads from templates/, and a render error fails the task', () => {
    const kinds: string[] = [];
    const c = ctx({
      readLocalFile: (_p, kind) => {
        kinds.push(kind);
        return '{{ broken';
      },
      render: () => {
        throw new Error('unexpected end of template');
      },
    });
    const p = plan(templateModule, { ...defaults, src: 't.j2', dest: '/x' }, { dest: missing, dest_sum: missing, parent: out('directory|755|root|root|0|0|10|2049:100\n') }, c);
    expect(kinds).toEqual(['templates']);
    expect(p).toMatchObject({ kind: 'fail', msg: 'template t.j2: unexpected end of template' });
  });
});
