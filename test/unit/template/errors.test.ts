// Undefined variables and template faults: an InputError naming the variable, the task and file:line:col.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { evaluate, render } from '../../../engine/template/index.js';

const where = { loc: { file: 'playbooks/kvm-host.yml', line: 12, col: 7 }, task: 'Define guests' };
const vars = {
  kvm_guests: [{ name: 'vm1', vcpus: 2 }],
  libvirt_uri: 'qemu:///system',
  settings: {},
};

function failure(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw new Error(`expected an InputError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected an InputError, nothing was thrown');
}

const undefinedCases: { template: string; message: RegExp; hint?: RegExp }[] = [
  { template: '{{ libvirt_url }}', message: /'libvirt_url' is undefined/, hint: /did you mean "libvirt_uri"\?/ },
  { template: 'x {{ kvm_guests[0].memory }} y', message: /'kvm_guests\[0\]\.memory' is undefined: kvm_guests\[0\] has no key "memory" \(it has: name, vcpus\)/ },
  { template: '{{ kvm_guests[3].name }}', message: /'kvm_guests\[3\]\.name' is undefined: kvm_guests has 1 item, index 3 is out of range/ },
  { template: "{{ settings['a b'] }}", message: /'settings\["a b"\]' is undefined: settings has no key "a b" \(it is empty\)/ },
  { template: '{{ nothing_like_it }}', message: /'nothing_like_it' is undefined/, hint: /\| default/ },
  { template: '{% if nope %}a{% endif %}', message: /'nope' is undefined/ },
  { template: '{{ nope | upper }}', message: /'nope' is undefined/ },
  // default's undefined value fails once it is chosen and used
  { template: '{{ settings | default(nope.x, true) }}', message: /'nope\.x' is undefined/ },
  { template: '{{ nope + 1 }}', message: /'nope' is undefined/ },
  { template: '{% for x in nope %}{% endfor %}', message: /'nope' is undefined/ },
  { template: '{{ nope | mandatory }}', message: /Mandatory variable 'nope' not defined/ },
  { template: "{{ nope | mandatory('set nope, please') }}", message: /set nope, please/ },
];

describe('undefined variables', () => {
  it.each(undefinedCases)('$template', ({ template, message, hint }) => {
    const err = failure(() => render(template, vars, where));
    expect(err.code).toBe('input');
    expect(err.message).toMatch(message);
    expect(err.message).toContain('task "Define guests"');
    expect(err.loc).toEqual(where.loc);
    expect(err.describe()).toMatch(/^playbooks\/kvm-host\.yml:12:7: /);
    if (hint) expect(err.hint).toMatch(hint);
  });

  it('names the variable whose own template failed', () => {
    const err = failure(() => render('{{ url }}', { ...vars, url: 'qemu+ssh://{{ kvm_hots }}/system', kvm_host: 'h1' }, where));
    expect(err.message).toMatch(/'kvm_hots' is undefined \(while rendering variable 'url': "qemu\+ssh:\/\/\{\{ kvm_hots \}\}\/system"\)/);
    expect(err.hint).toBe('did you mean "kvm_host"?');
  });

  it('names the variable in a bare expression too', () => {
    expect(failure(() => evaluate('libvirt_url == "x"', vars, where)).message).toMatch(/'libvirt_url' is undefined/);
  });
});

const faults: { template: string; message: RegExp }[] = [
  { template: '{{ 1 | no_such_filter }}', message: /no filter named 'no_such_filter'/ },
  { template: '{{ 1 is no_such_test }}', message: /no test named 'no_such_test'/ },
  { template: '{{ kvm_guests | combine({}) }}', message: /combine expects a dictionary, got list/ },
  { template: "{{ 'x' | from_json }}", message: /from_json/ },
  { template: '{{ 1 / 0 }}', message: /division by zero/ },
  { template: '{{ libvirt_uri() }}', message: /'libvirt_uri' is str, which cannot be called/ },
  { template: '{{ x', message: /template syntax error/ },
  { template: '#jinja2: trim_blocks=True\n{{ 1 }}', message: /failed to parse jinja2 override 'trim_blocks=True'/ },
  { template: '#jinja2: newline_sequence:"\\r\\n"\n{{ 1 }}', message: /does not support the jinja2 override 'newline_sequence'/ },
  { template: '#jinja2: trim_blocks: yes\n{{ 1 }}', message: /jinja2 override 'trim_blocks': yes is not a Python literal/ },
  // blocks: Jinja2's own messages
  { template: '{% block a %}x{% endblock %}{% block a %}y{% endblock %}', message: /block 'a' defined twice/ },
  { template: '{% block a %}x{% endblock b %}', message: /expected token 'end of statement block', got 'b'/ },
  { template: '{% block a %}x', message: /Jinja was looking for the following tags: 'endblock'/ },
  { template: 'x{% endblock %}', message: /Encountered unknown tag 'endblock'/ },
  { template: "{{ 'abc' | hash('crc99') }}", message: /unsupported algorithm/ },
  { template: "{{ 'x' * 100000000 }}", message: /repetition too large/ },
  { template: '{{ [1, 2] * 100000000 }}', message: /repetition too large/ },
];

describe('template faults', () => {
  it.each(faults)('$template', ({ template, message }) => {
    const err = failure(() => render(template, vars, where));
    expect(err.message).toMatch(message);
    expect(err.loc).toEqual(where.loc);
  });

  it('detects a variable that refers to itself', () => {
    expect(failure(() => render('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, where)).message).toMatch(/recursive loop/);
  });
});

describe('errors in structures', () => {
  it('quote the one string that failed, not the whole structure', () => {
    const err = failure(() => render({ name: 'ok', msg: ['fine', 'bad {{ nope }}'] }, vars, where));
    expect(err.message).toContain('(in "bad {{ nope }}")');
  });
});

describe('namespace attributes', () => {
  it("only a namespace() takes `{% set x.name = value %}`, in Jinja2's words", () => {
    expect(failure(() => render('{% set d = {} %}{% set d.x = 1 %}', vars, where)).message).toMatch(/cannot assign attribute on non-namespace object/);
  });
  it('namespace() takes one mapping at most', () => {
    expect(failure(() => render('{{ namespace([1], [2]) }}', vars, where)).message).toMatch(/namespace\(\) takes at most one mapping/);
  });
});
