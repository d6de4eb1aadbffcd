// Differential test: template files (import, from-import and their context, string escapes) through Ansible's
// template action (Debian's ansible-core) must render as kplay renders them, and fail where kplay fails.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplateFile } from '../../../engine/template/index.js';
import { fails, files, renders, vars } from '../../unit/template/file-cases.js';
import { ansibleTemplateFiles } from './support/templar-files.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-import-diff-'));
for (const [name, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
}
const searchPath = [join(dir, 'templates'), dir];
const env = { ...process.env, KPLAY_IMPORT_PROBE: 'probe' };
process.env.KPLAY_IMPORT_PROBE = 'probe';
const where = { loc: { file: 'p.yml', line: 1, col: 1 } };
const kplay = (text: string): string => renderTemplateFile(text, vars, where, { path: join(dir, 'outer.j2'), searchPath });

describe("template files agree with Ansible's template action", () => {
  const rendered = ansibleTemplateFiles(vars, searchPath, renders.map(([t]) => t), env);
  it.each(renders.map(([t], i) => [t, rendered[i]] as const))('%j', (text, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (answer?.ok) expect(kplay(text)).toBe(answer.value);
  });

  const failed = ansibleTemplateFiles(vars, searchPath, fails.map(([t]) => t), env);
  it.each(fails.map(([t, says, ansibleSays], i) => [t, says, ansibleSays, failed[i]] as const))('%j fails in both', (text, says, ansibleSays, answer) => {
    expect(answer?.ok, answer?.ok ? `Ansible rendered ${JSON.stringify(answer.value)}` : '').toBe(false);
    if (answer?.ok === false) expect(answer.error).toContain(ansibleSays);
    expect(() => kplay(text)).toThrow(says);
  });
});
