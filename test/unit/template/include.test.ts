// {% include %} in template files: found on the search path, Jinja2's context rules, clear errors for a missing
// file (naming file:line) and for a cycle. Outputs checked against Ansible 2.14's Templar (Jinja2 3.1).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplateFile } from '../../../engine/template/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-include-'));
const sub = join(dir, 'templates');
const files: Record<string, string> = {
  'i1.j2': 'I{{ v }}-{{ loopv | default("nl") }}',
  'cyc.j2': '{% include "cyc.j2" %}',
  'setz.j2': '{% set z = 5 %}Z\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
mkdirSync(sub);
writeFileSync(join(sub, 'sub.j2'), 'S{{ v }}\n');

const where = { loc: { file: 'p.yml', line: 1, col: 1 } };
const at = { path: join(dir, 'outer.j2'), searchPath: [sub, dir] };
const vars = { v: 'V', names: ['nope.j2', 'i1.j2'] };
const run = (text: string): string => renderTemplateFile(text, vars, where, at);

describe('{% include %}', () => {
  it.each([
    ['{% include "i1.j2" %}', 'IV-nl'],
    ['{% for loopv in [1] %}{% include "i1.j2" %}{% endfor %}', 'IV-1'],
    ['{% include "i1.j2" with context %}', 'IV-nl'],
    ['{% include "nope.j2" ignore missing %}x', 'x'],
    ['{% include names %}', 'IV-nl'],
    ['{% include "./i1.j2" %}', 'IV-nl'],
    ['{% include "setz.j2" %}{{ z | default("nz") }}', 'Znz'],
    ['a\n{% include "sub.j2" %}\nb\n', 'a\nSVb\n'], // trim_blocks drops the newline after the tag
  ])('%j renders %j', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('without context sees no variables', () => {
    expect(() => run('{% include "i1.j2" without context %}')).toThrow(/'v' is undefined/);
  });

  it('names the including file and line of a template not found (`..` is never followed)', () => {
    expect(() => run('a\n{% include "nope.j2" %}')).toThrow(`${at.path}:2: {% include %}: template 'nope.j2' not found`);
    expect(() => run('{% include "../x/i1.j2" %}')).toThrow(/template '\.\.\/x\/i1\.j2' not found/);
    expect(() => run('{% include ["a.j2", "b.j2"] %}')).toThrow(/none of the templates given were found: a\.j2, b\.j2/);
  });

  it('stops an include cycle with the chain', () => {
    expect(() => run('{% include "cyc.j2" %}')).toThrow(/nested more than 40 deep \(an include cycle\?\): .*cyc\.j2 -> .*cyc\.j2/);
  });

  it('is refused in a template outside a file', () => {
    expect(() => renderTemplateFile('{% include "i1.j2" %}', vars, where)).toThrow(/works in template files/);
  });
});
