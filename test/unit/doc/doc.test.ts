// kplay doc: every module documents each parameter (nested ones too), the checker finds gaps, rendering and lookup.
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { docText } from '../../../cli/doc.js';
import { paramDocs } from '../../../engine/doc/params.js';
import { renderModuleDoc } from '../../../engine/doc/render.js';
import { InputError } from '../../../engine/core/errors.js';
import { aliasOf, choice } from '../../../modules/common/schema.js';
import { defineModule } from '../../../modules/contract.js';
import { allModules } from '../../../modules/registry.js';

describe('every module documents itself', () => {
  for (const m of allModules) {
    describe(m.name, () => {
      it('has a one-line summary and examples', () => {
        expect(m.short.trim()).not.toBe('');
        expect(m.short).not.toContain('\n');
        expect(m.examples.trim()).not.toBe('');
      });
      it('has a description on every parameter, at any depth', () => {
        const undocumented = paramDocs(m.params).filter((d) => d.description === undefined || d.description.trim() === '').map((d) => d.path);
        expect(undocumented).toEqual([]);
      });
      it('its rules name its own parameters', () => {
        const names = new Set(paramDocs(m.params).filter((d) => d.depth === 0).map((d) => d.path));
        const used = [...(m.mutuallyExclusive ?? []).flat(), ...(m.requiredOneOf ?? []).flat(), ...(m.freeForm ? [m.freeForm] : [])];
        expect(used.filter((n) => !names.has(n))).toEqual([]);
      });
    });
  }

  it('the registry is not empty (the test above would pass vacuously)', () => {
    expect(allModules.length).toBeGreaterThanOrEqual(14);
  });
});

describe('the checker finds what is missing', () => {
  it('reports an undocumented parameter nested in a list of objects', () => {
    const schema = Type.Object({
      disks: Type.Array(Type.Object({ size: Type.Integer({ description: 'GiB' }), bus: Type.String() }), { description: 'disks' }),
    });
    const undocumented = paramDocs(schema).filter((d) => d.description === undefined).map((d) => d.path);
    expect(undocumented).toEqual(['disks.bus']);
  });
});

describe('rendering', () => {
  const demo = defineModule({
    name: 'demo',
    aliases: ['demo2'],
    short: 'A module for the test',
    examples: '- demo:\n    path: /x\n',
    params: Type.Object({
      path: Type.String({ description: 'The path.' }),
      dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
      state: choice(['present', 'absent'], { description: 'Wanted state.', default: 'present' }),
      names: Type.Optional(Type.Array(Type.String(), { description: 'Some names.' })),
      mode: Type.Optional(Type.Union([Type.String(), Type.Integer()], { description: 'A mode.' })),
      nested: Type.Optional(Type.Object({ inner: Type.Boolean({ description: 'Inner flag.', default: false }) }, { description: 'Nested options.' })),
    }),
    mutuallyExclusive: [['path', 'dest']],
    requiredOneOf: [['path', 'dest']],
    freeForm: 'path',
    plan: () => ({ kind: 'ok', reason: '' }),
  });
  const text = renderModuleDoc(demo);

  const lines: [string, RegExp][] = [
    ['title with aliases', /^DEMO \(also: demo2\) - A module for the test$/m],
    ['required parameter', /^ {2}= path {2}\(type: string; aliases: dest\)$/m],
    ['alias', /^ {2}- dest {2}\(type: string; alias of: path\)$/m],
    ['choices and default', /^ {2}- state {2}\(choices: present, absent; default: present\)$/m],
    ['list type', /^ {2}- names {2}\(type: list of strings\)$/m],
    ['union type', /^ {2}- mode {2}\(type: string or integer\)$/m],
    ['nested option, indented', /^ {4}- inner {2}\(type: boolean; default: false\)$/m],
    ['description', /^ {6}The path\.$/m],
    ['mutually exclusive', /^ {2}mutually exclusive: path, dest$/m],
    ['required one of', /^ {2}one of these is required: path, dest$/m],
    ['free form', /free form: the text after `demo:` is path/],
    ['examples', /^EXAMPLES\n {2}- demo:\n {6}path: \/x$/m],
  ];
  for (const [what, re] of lines) it(what, () => expect(text).toMatch(re));

  it('lists every module with its summary', () => {
    const list = docText(undefined);
    for (const m of allModules) expect(list).toMatch(new RegExp(`^${m.name}\\b.*  ${m.short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('shows a module by name, alias or ansible.builtin. name', () => {
    expect(docText('copy')).toMatch(/^COPY - /);
    expect(docText('ansible.builtin.file')).toMatch(/^FILE - /);
    expect(docText('copy')).toMatch(/- mode {2}\(type: string or integer\)/);
    expect(docText('apt')).toMatch(/- package {2}\(type: list of strings; alias of: name\)/);
  });

  it('an unknown module is an input error (exit 5) with a did-you-mean', () => {
    expect(() => docText('tempalte')).toThrow(InputError);
    try {
      docText('tempalte');
    } catch (err) {
      expect((err as InputError).describe()).toMatch(/unknown module "tempalte"\n {2}hint: did you mean "template"\?/);
    }
  });
});
