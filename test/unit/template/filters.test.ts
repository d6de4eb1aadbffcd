// Filters and tests as data (values checked against Ansible by the compat tier), their errors, and their names:
// ansible.builtin./ansible.legacy. and collection names, as Ansible 2.14 loads them.
import { describe, expect, it } from 'vitest';
import { render, renderTemplateFile, templateSyntaxError } from '../../../engine/template/index.js';
import { withTemplateFileVars } from '../../../engine/template/template-vars.js';
import { PyRandom } from '../../../engine/template/py-random.js';
import { filterCases, filterVars } from './filter-cases.js';

const where = { loc: { file: 'play.yml', line: 3, col: 5 }, task: 'T' };

describe('filters and tests: cases as data', () => {
  it.each(filterCases)('%s', (template, expected) => {
    expect(render(template, filterVars, where)).toEqual(expected);
  });
});

describe('errors name the filter and what is wrong', () => {
  const errors: [string, RegExp][] = [
    ["{{ 'x' | comment('lisp') }}", /comment: unknown style 'lisp' \(one of plain, erlang, c, cblock, xml\)/],
    ["{{ 'x' | comment(prefix_count='many') }}", /comment: prefix_count must be an integer/],
    ["{{ '10.0.0.1' | ansible.utils.ipaddr('bogus_query') }}", /ipaddr: unknown filter type: bogus_query/],
    ["{{ '10.0.0.1' | ansible.utils.ipaddr('first_usable') }}", /Not a network address/],
    ["{{ [1] | ansible.builtin.join(',') }}", /no filter named 'ansible\.builtin\.join'/],
    ["{{ [1] | ansible.utils.nope }}", /no filter named 'ansible\.utils\.nope'/],
    ["{{ 'x' is ansible.builtin.string }}", /no test named 'ansible\.builtin\.string'/],
    ["{{ [1, 2] | random(1) }}", /start and step can only be used with integer values/],
    ["{{ 'ten' | human_to_bytes }}", /human_to_bytes\(\) can't interpret/],
    ["{{ '1MB' | human_to_bytes(isbits=True) }}", /expect Mb or M/],
    ["{{ range(2000) | product(range(2000)) }}", /over 1,000,000/],
    ["{{ users | subelements('nope') }}", /could not find 'nope' key/],
    ["{{ users | rekey_on_member('shell') }}", /Key \/bin\/bash is not unique/],
    ["{{ 'pw' | password_hash('sha512', 'saltsaltsaltsaltX') }}", /invalid salt size/],
    ["{{ users | json_query('[?name==') }}", /json_query: unexpected 'end' in "\[\?name=="/],
    ["{{ users | json_query('nope(@)') }}", /json_query: unknown function nope\(\)/],
    ["{{ 'x' | comment(prefix_count=100000000) }}", /comment: prefix_count 100000000 is too large/],
    ["{{ 'x' | center(1000000000) }}", /center: width 1000000000 is too large/],
    ["{{ [1] | slice(1000000000) | list }}", /slices must be from 1 to 1,000,000/],
    ["{{ 10000000000 | random(seed=1) }}", /more than 2\*\*32 numbers/],
    ["{{ 0 | random(seed=1) }}", /empty range/],
    ["{{ '2024-13-01' | to_datetime('%Y-%m-%d') }}", /time data '2024-13-01' does not match format '%Y-%m-%d'/],
    ["{{ '2024' | to_datetime('%G') }}", /the format directive %G is not supported/],
    ["{{ ('2024-01-01' | to_datetime('%Y-%m-%d')) - 1 }}", /unsupported operand type\(s\) for -: 'datetime' and 'int'/],
    ["{{ 'pw' | password_hash('bcrypt', 'x') }}", /password_hash: kplay computes md5_crypt, sha256_crypt and sha512_crypt hashes, not 'bcrypt'/],
  ];
  it.each(errors)('%s', (template, message) => {
    expect(() => render(template, filterVars, where)).toThrow(message);
  });
});

describe('names: Jinja2 reads a dotted filter or test name as one name', () => {
  const syntax: [string, RegExp | undefined, number?][] = [
    ['{{ x | ansible.builtin.to_json }}', undefined],
    ['{{ x | ansible . builtin . to_json }}', undefined],
    ['{% if x is not ansible.utils.ipv4 %}{% endif %}', undefined],
    ['{% filter ansible.builtin.comment %}x{% endfilter %}', undefined],
    ['{{ x | ipaddr | ipwrap | json_query("a") }}', undefined],
    ['{{ x | ansible.netcommon.ipaddr }}', undefined],
    ['{{ x | ansible.builtin.to_jsn }}', /no filter named 'ansible\.builtin\.to_jsn' \(did you mean 'ansible\.builtin\.to_json'\?\)/, 7],
    ['{{ x | ansible.utils.ipadr }}', /no filter named 'ansible\.utils\.ipadr' \(did you mean 'ansible\.utils\.ipaddr'\?\)/, 7],
    // a collection kplay does not know: no guess from the builtins (not 'local.colors.le')
    ["{{ 'sky' is local.colors.blue }}", /^no test named 'local\.colors\.blue'$/, 12],
    ['{{ x | ansible.builtin.join(",") }}', /'join' is a Jinja2 builtin filter, which Ansible 2\.14 does not load as ansible\.builtin\.join: write 'join'/, 7],
    ['a {{ x is ansible.builtin.sameas(1) }}', /'sameas' is a Jinja2 builtin test/, 10],
  ];
  it.each(syntax)('%s', (text, message, index) => {
    const fault = templateSyntaxError(text);
    if (message === undefined) expect(fault).toBeUndefined();
    else {
      expect(fault?.message).toMatch(message);
      expect(fault?.index).toBe(index);
    }
  });
});

describe('ansible_managed and template_* while a template file renders', () => {
  it('is "Ansible managed" (2.14 default), commented with the comment filter', () => {
    const vars = withTemplateFileVars({ port: 80 }, 'nginx.conf.j2', '/etc/nginx/nginx.conf');
    expect(renderTemplateFile('{{ ansible_managed | comment }}\nport {{ port }} {{ template_path }} {{ template_destpath }}\n', vars, where))
      .toBe('#\n# Ansible managed\n#\nport 80 nginx.conf.j2 /etc/nginx/nginx.conf\n');
  });
  it('wins over a variable of the same name, and leaves accessors unread', () => {
    let reads = 0;
    const vars: Record<string, unknown> = { ansible_managed: 'mine' };
    Object.defineProperty(vars, 'hostvars', { enumerable: true, get: () => { reads++; return {}; } });
    const out = withTemplateFileVars(vars, 'a.j2');
    expect(out.ansible_managed).toBe('Ansible managed');
    expect(reads).toBe(0);
    expect(renderTemplateFile('{{ ansible_managed }}', out, where)).toBe('Ansible managed');
  });
  it('is not a variable outside template files, as in Ansible', () => {
    expect(() => render('{{ ansible_managed }}', {}, where)).toThrow(/ansible_managed/);
  });
});

describe('password_hash without a salt', () => {
  it('draws a new 16-character salt each time', () => {
    const a = render("{{ 'pw' | password_hash }}", {}, where);
    expect(a).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(render("{{ 'pw' | password_hash }}", {}, where)).not.toBe(a);
  });
});

describe("PyRandom: CPython's Mersenne Twister and seeding", () => {
  // values from python3: random.Random(seed).randrange(start, stop, step)
  it('matches CPython for str and int seeds', () => {
    expect(new PyRandom('web01.example.com').randrange(0, 59, 1)).toBe(38);
    expect(new PyRandom(42).randrange(0, 24, 1)).toBe(20);
    expect(new PyRandom('x').randrange(5, 100, 10)).toBe(55);
  });
});
