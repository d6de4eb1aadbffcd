// Template rendering cases as data: template + vars -> output (native values for a lone `{{ expr }}`).
import { describe, expect, it } from 'vitest';
import { render, renderTemplateFile } from '../../../engine/template/index.js';
import { cases, vars } from './render-cases.js';

const where = { loc: { file: 'play.yml', line: 3, col: 5 }, task: 'T' };

describe('render: cases as data', () => {
  it.each(cases)('%s', (template, expected) => {
    expect(render(template, vars, where)).toEqual(expected);
  });
});

describe('render: structures', () => {
  it('renders every string in nested values and leaves other values alone', () => {
    const out = render({ a: ['{{ n }}', 'x {{ n }}', 3, true, null], b: { c: '{{ pkgs | length }}' } }, vars, where);
    expect(out).toEqual({ a: [5, 'x 5', 3, true, null], b: { c: '3' } });
  });
  it('drops keys whose value is omit', () => {
    expect(render({ keep: 1, gone: '{{ missing | default(omit) }}' }, vars, where)).toEqual({ keep: 1 });
  });
  it('returns plain strings untouched (same value)', () => {
    const s = 'no template here';
    expect(render(s, vars, where)).toBe(s);
  });
});

describe('renderTemplateFile (template module)', () => {
  const file: [string, string][] = [
    ['{% for p in pkgs %}\n{{ p }}\n{% endfor %}\n', 'qemu-kvm\nlibvirt\nvirt-install\n'],
    ['name={{ name }}\n', 'name=web01.example.com\n'],
    ['{{ pkgs }}\n', "['qemu-kvm', 'libvirt', 'virt-install']\n"],
    ['{% if flag %}\non\n{% endif %}\nend\n', 'on\nend\n'],
  ];
  it.each(file)('%j', (text, expected) => {
    expect(renderTemplateFile(text, vars, where)).toBe(expected);
  });
});
