// lineinfile applied under this machine's sh: odd text and names reach the file literally, a backup is kept, create
// makes the file and its directory, and a second run plans ok. Plans: test/unit/modules/cases/lineinfile.yml.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineinfileModule } from '../../../modules/lineinfile.js';
import { applyLocally } from './support/apply-locally.js';

const base = { state: 'present', backrefs: false, firstmatch: false, create: false, backup: false };

describe('lineinfile applied for real', () => {
  it('edits with odd text and names, then reports ok; keeps a backup', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-lif-'));
    const path = join(dir, "it's $(x) `y`;*.conf");
    writeFileSync(path, 'a=1\nkey = old\n');
    const params = { ...base, backup: true, path, regexp: '^key\\s*=', line: `key = "$(touch PWNED)" 'q' \`x\`` };
    const r = applyLocally(lineinfileModule, params, dir);
    expect(r.failed).toBeUndefined();
    expect(r.plan.kind === 'change' && r.plan.summary).toMatch(/^line replaced in /);
    expect(readFileSync(path, 'utf8')).toBe(`a=1\nkey = "$(touch PWNED)" 'q' \`x\`\n`);
    expect(applyLocally(lineinfileModule, params, dir).plan.kind).toBe('ok');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('~'))).toHaveLength(1);
  });

  it('create makes the file and its directory, then ok', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-lif-'));
    const path = join(dir, 'new dir/sub/f');
    const params = { ...base, create: true, path, line: 'hello', mode: '0600' };
    expect(applyLocally(lineinfileModule, params, dir).failed).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('hello\n');
    expect(applyLocally(lineinfileModule, params, dir).plan.kind).toBe('ok');
  });
});
