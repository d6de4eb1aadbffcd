// ansible.utils' IP arithmetic filters: values and errors as data (ipmath-cases.ts), and their short names.
import { describe, expect, it } from 'vitest';
import { render, templateSyntaxError } from '../../../engine/template/index.js';
import { ipMathCases, ipMathErrors } from './ipmath-cases.js';

const where = { loc: { file: 'play.yml', line: 3, col: 5 }, task: 'T' };
const escape = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('ansible.utils IP arithmetic filters', () => {
  it.each(ipMathCases)('%s', (template, expected) => {
    expect(render(template, {}, where)).toEqual(expected);
  });
  it.each(ipMathErrors)('fails: %s', (template, message) => {
    expect(() => render(template, {}, where)).toThrow(escape(message));
  });
  it('knows the short names ansible-core routes to ansible.utils, and the ansible.netcommon names', () => {
    for (const f of ['ipmath', 'ipsubnet', 'next_nth_usable', 'previous_nth_usable', 'nthhost', 'network_in_usable', 'network_in_network']) {
      expect(templateSyntaxError(`{{ x | ${f} }}`)).toBeUndefined();
      expect(templateSyntaxError(`{{ x | ansible.netcommon.${f} }}`)).toBeUndefined();
    }
  });
});
