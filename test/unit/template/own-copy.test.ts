// Methods that change a list or dict in place (append, update...): the template's own copies, bounded, never looping.
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';

const at = { loc: { file: 'p.yml', line: 1, col: 1 } };

describe('lists and dicts changed in place by a template', () => {
  it("leave the variables as they were: the host's, the next task's and another host's", () => {
    const vars = { pkgs: ['a'], conf: { b: { c: 1 } } };
    expect(render("{% set _ = pkgs.append('x') %}{% set _ = conf.b.update(d=2) %}{{ pkgs }} {{ conf }}", vars, at)).toBe("['a', 'x'] {'b': {'c': 1, 'd': 2}}");
    expect(vars).toEqual({ pkgs: ['a'], conf: { b: { c: 1 } } });
  });

  it('a loop over a list its body appends to runs over the items it started with (Python would never end)', () => {
    expect(render('{% set l = [1, 2] %}{% for x in l %}{{ l.append(x) }}{% endfor %}{{ l | length }}', {}, at)).toBe('4');
  });

  it('a list grown without bound stops with an error, not with the memory', () => {
    expect(() => render('{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}', {}, at)).toThrow(/at most 1000000 items/);
  });

  it("a tuple has no method that changes it, and Python's errors are kept", () => {
    expect(() => render('{% set t = (1, 2) %}{{ t.append(3) }}', {}, at)).toThrow();
    expect(() => render('{{ [].pop() }}', {}, at)).toThrow(/pop from empty list/);
    expect(() => render("{{ {}.pop('k') }}", {}, at)).toThrow(/KeyError: 'k'/);
    expect(() => render('{{ [1].remove(2) }}', {}, at)).toThrow(/x not in list/);
  });
});
