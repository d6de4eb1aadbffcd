// {% import %} and {% from %} in template files, and Jinja2's string escapes there: the cases of file-cases.ts
// (checked against Ansible's template action by test/compat/template/template-files-differential.test.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, renderTemplateFile } from '../../../engine/template/index.js';
import { fails, files, renders, vars } from './file-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-import-'));
for (const [name, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
}
process.env.KPLAY_IMPORT_PROBE = 'probe';

const where = { loc: { file: 'p.yml', line: 1, col: 1 } };
const at = { path: join(dir, 'outer.j2'), searchPath: [join(dir, 'templates'), dir] };
const run = (text: string): string => renderTemplateFile(text, vars, where, at);

describe('template files: import, from-import, string escapes', () => {
  it.each(renders)('%j renders %j', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it.each(fails)('%j fails: %s', (text, says) => {
    expect(() => run(text)).toThrow(says);
  });

  it('is refused in a template outside a file', () => {
    expect(() => renderTemplateFile("{% import 'macros.j2' as m %}", vars, where)).toThrow(/\{% import %\} and \{% from %\} work in template files/);
    expect(() => render("{% from 'macros.j2' import hi %}{{ hi(1) }}", vars, where)).toThrow(/work in template files/);
  });
});
