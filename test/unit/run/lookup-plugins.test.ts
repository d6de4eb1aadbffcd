// Each lookup plugin as Ansible 2.14's (plugins/lookup/*.py): cases as data, {lookup, terms, kwargs, vars} -> the
// list it returns or the error it raises; then lookup()/query() in templates and the items of with_X loops.
// pipe and lines run processes: test/local/run/lookup-commands.test.ts.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupContext, runLookup, withLookups } from '../../../engine/run/lookups.js';
import { itemVars, loopItems, subdirFor } from '../../../engine/run/loop-items.js';
import type { SearchPlace, Terms } from '../../../engine/run/lookup-plugin.js';
import { isUnsafe, render } from '../../../engine/template/index.js';
import type { Dict } from '../../../engine/template/values.js';
import { NO_VAULT } from '../../../engine/vault/keyring.js';

const FIX = resolve(import.meta.dirname, '../../fixtures/lookups');
const ROLE = join(FIX, 'role');
const PLAY = join(FIX, 'play');
/** a task of the role: the role's directory, its tasks/ directory, then the playbook's */
const inRole: SearchPlace = { paths: [ROLE, join(ROLE, 'tasks')], playbookDir: PLAY, keyring: NO_VAULT };
const where = { loc: { file: join(ROLE, 'tasks', 'main.yml'), line: 1, col: 1 } };

const GROUPS = { all: ['h1', 'h2', 'h3', 'h4'], ungrouped: [], web: ['h1', 'h2'], db: ['h3', 'h4'] };

interface Case {
  readonly lookup: string;
  readonly terms: Terms;
  readonly kwargs?: Dict;
  readonly vars?: Dict;
  readonly subdir?: 'files' | 'templates' | 'vars';
  readonly want?: unknown[];
  /** a fragment of the error */
  readonly error?: string;
}

const cases: Record<string, Case> = {
  // items, list
  'items flattens one level': { lookup: 'items', terms: [[1, [2, 3]], 4], want: [1, [2, 3], 4] },
  'items of a mapping: its keys (Python iteration)': { lookup: 'items', terms: { a: 1, b: 2 }, want: ['a', 'b'] },
  'list keeps the terms': { lookup: 'list', terms: [[1, 2], 3], want: [[1, 2], 3] },
  'list of a mapping is refused': { lookup: 'list', terms: { a: 1 }, error: 'with_list expects a list' },
  // dict
  'dict: key/value pairs in order': { lookup: 'dict', terms: { b: 1, a: { x: 2 } }, want: [{ key: 'b', value: 1 }, { key: 'a', value: { x: 2 } }] },
  'dict of several mappings': { lookup: 'dict', terms: [{ a: 1 }, { b: 2 }], want: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }] },
  'dict of a list is refused': { lookup: 'dict', terms: [[1]], error: 'with_dict expects a dict' },
  // indexed_items
  'indexed_items: flattened, then numbered': { lookup: 'indexed_items', terms: ['x', ['y', 'z']], want: [[0, 'x'], [1, 'y'], [2, 'z']] },
  'indexed_items of a mapping is refused': { lookup: 'indexed_items', terms: { a: 1 }, error: 'with_indexed_items expects a list' },
  // together
  'together pads the shorter list with None': { lookup: 'together', terms: [[1, 2, 3], ['a', 'b']], want: [[1, 'a'], [2, 'b'], [3, null]] },
  'together renders its terms': { lookup: 'together', terms: ['{{ xs }}', ['a']], vars: { xs: [1, 2] }, want: [[1, 'a'], [2, null]] },
  'together of nothing': { lookup: 'together', terms: [], error: 'requires at least one element' },
  // nested, cartesian
  'nested: every combination, in order': { lookup: 'nested', terms: [[1, 2], ['a', 'b']], want: [[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']] },
  'nested of three lists': { lookup: 'nested', terms: [['x'], [1, 2], ['a']], want: [['x', 1, 'a'], ['x', 2, 'a']] },
  'nested: a list member is spliced in': { lookup: 'nested', terms: [[[1, 2]], ['a']], want: [[1, 2, 'a']] },
  'nested renders a template term': { lookup: 'nested', terms: ['{{ xs }}', ['a']], vars: { xs: [1] }, want: [[1, 'a']] },
  'nested of nothing': { lookup: 'nested', terms: [], error: 'requires at least one element in the nested list' },
  'nested: too many combinations is refused, not computed': {
    lookup: 'nested',
    terms: [Array.from({ length: 1000 }, (_, i) => i), Array.from({ length: 1000 }, (_, i) => i), [1, 2]],
    error: '1000 x 1000 x 2 combinations is more than 1000000',
  },
  'cartesian: as nested': { lookup: 'cartesian', terms: [[1, 2], ['a']], want: [[1, 'a'], [2, 'a']] },
  // subelements
  'subelements: each item with each member of its list, the list left out of the item': {
    lookup: 'subelements',
    terms: [[{ name: 'a', keys: ['k1', 'k2'] }, { name: 'b', keys: [] }], 'keys'],
    want: [[{ name: 'a' }, 'k1'], [{ name: 'a' }, 'k2']],
  },
  'subelements: a missing key fails': { lookup: 'subelements', terms: [[{ name: 'c' }], 'keys'], error: "could not find 'keys' key in iterated item" },
  'subelements: skip_missing': { lookup: 'subelements', terms: [[{ name: 'c' }, { name: 'd', keys: [1] }], 'keys', { skip_missing: true }], want: [[{ name: 'd' }, 1]] },
  'subelements: skip_missing as a string': { lookup: 'subelements', terms: [[{ name: 'c' }], 'keys', { skip_missing: 'yes' }], want: [] },
  'subelements: a dotted path': {
    lookup: 'subelements',
    terms: [[{ n: 1, a: { b: [5] } }], 'a.b'],
    want: [[{ n: 1, a: {} }, 5]],
  },
  'subelements: a mapping of items (its values)': { lookup: 'subelements', terms: [{ u1: { l: [1] } }, 'l'], want: [[{}, 1]] },
  'subelements: a skipped registered result': { lookup: 'subelements', terms: [{ skipped: true, results: [] }, 'l'], want: [] },
  'subelements: a skipped item': { lookup: 'subelements', terms: [[{ skipped: true }, { l: [1] }], 'l'], want: [[{}, 1]] },
  'subelements: not a list': { lookup: 'subelements', terms: [[{ l: 'x' }], 'l'], error: 'the key l should point to a list' },
  'subelements: an item not a mapping': { lookup: 'subelements', terms: [['x'], 'l'], error: "expects a dictionary, got 'x'" },
  'subelements: one term': { lookup: 'subelements', terms: [[]], error: 'expects a list of two or three items' },
  'subelements: the key not a string': { lookup: 'subelements', terms: [[], 1], error: 'second a string pointing to the subkey' },
  'subelements: renders its first term': { lookup: 'subelements', terms: ['{{ users }}', 'k'], vars: { users: [{ k: [1] }] }, want: [[{}, 1]] },
  // sequence
  'sequence: end only': { lookup: 'sequence', terms: ['3'], want: ['1', '2', '3'] },
  'sequence: start-end/stride:format': { lookup: 'sequence', terms: ['2-10/4:host%02d'], want: ['host02', 'host06', 'host10'] },
  'sequence: hex and octal numbers': { lookup: 'sequence', terms: ['0x0a-0x0c'], want: ['10', '11', '12'] },
  'sequence: key=value': { lookup: 'sequence', terms: ['start=0x0f00 count=4 format=%04x'], want: ['0f00', '0f01', '0f02', '0f03'] },
  'sequence: count and stride': { lookup: 'sequence', terms: ['start=1 count=5 stride=2'], want: ['1', '3', '5', '7', '9'] },
  'sequence: backwards': { lookup: 'sequence', terms: ['start=5 end=1 stride=-2'], want: ['5', '3', '1'] },
  'sequence: count=0': { lookup: 'sequence', terms: ['count=0'], want: [] },
  'sequence: several terms': { lookup: 'sequence', terms: ['2', 'start=7 end=7'], want: ['1', '2', '7'] },
  'sequence: quoted format with a blank': { lookup: 'sequence', terms: ['end=2 format="n %d"'], want: ['n 1', 'n 2'] },
  'sequence: end and count': { lookup: 'sequence', terms: ['end=3 count=3'], error: "can't specify both count and end" },
  'sequence: neither end nor count': { lookup: 'sequence', terms: ['start=3'], error: 'must specify count or end' },
  'sequence: backwards without a negative stride': { lookup: 'sequence', terms: ['start=5 end=1'], error: 'to count backwards make stride negative' },
  'sequence: forward with a negative stride': { lookup: 'sequence', terms: ['start=1 end=5 stride=-1'], error: "to count forward don't make stride negative" },
  'sequence: not a number': { lookup: 'sequence', terms: ['start=x end=3'], error: "can't parse start=x as integer" },
  'sequence: an unknown argument': { lookup: 'sequence', terms: ['end=3 step=1'], error: "unrecognized arguments to with_sequence: ['step']" },
  'sequence: a format without one %': { lookup: 'sequence', terms: ['end=2 format=x'], error: 'bad formatting string: x' },
  // random_choice
  'random_choice of one': { lookup: 'random_choice', terms: ['only'], want: ['only'] },
  'random_choice of none': { lookup: 'random_choice', terms: [], want: [] },
  // files
  'file: found in the role files/, trailing blanks stripped': { lookup: 'file', terms: ['padded.txt'], want: ['  padded text'] },
  'file: lstrip, and rstrip off': { lookup: 'file', terms: ['padded.txt'], kwargs: { lstrip: true, rstrip: false }, want: ['padded text  \n\n'] },
  "file: the playbook's files/ last": { lookup: 'file', terms: ['only-play.txt'], want: ['play file'] },
  'file: named with its files/ prefix': { lookup: 'file', terms: ['files/a.conf'], want: ['a'] },
  'file: missing': { lookup: 'file', terms: ['nope.txt'], error: 'could not locate file in lookup: nope.txt' },
  'unvault: the text as it is': { lookup: 'unvault', terms: ['a.conf'], want: ['a\n'] },
  'template: rendered with the variables and template_vars': {
    lookup: 'template',
    terms: ['hi.j2'],
    vars: { greeting: 'hello', who: 'you' },
    kwargs: { template_vars: { who: 'there' } },
    want: ['hello, there\n'],
  },
  'template: missing': { lookup: 'template', terms: ['nope.j2'], error: 'the template file could not be found' },
  'fileglob: in the role files/, sorted, no dot files': { lookup: 'fileglob', terms: ['*.conf'], want: [join(ROLE, 'files', 'a.conf'), join(ROLE, 'files', 'b.conf')] },
  'fileglob: a dot pattern finds dot files': { lookup: 'fileglob', terms: ['.*.conf'], want: [join(ROLE, 'files', '.hidden.conf')] },
  'fileglob: with a directory, found on the search path': { lookup: 'fileglob', terms: ['files/b*'], want: [join(ROLE, 'files', 'b.conf')] },
  'fileglob: nothing matches': { lookup: 'fileglob', terms: ['*.none'], want: [] },
  // first_found
  'first_found: the first that exists (files/ by default)': { lookup: 'first_found', terms: ['nope.conf', 'b.conf', 'a.conf'], want: [join(ROLE, 'files', 'b.conf')] },
  'first_found: in vars/ for include_vars': { lookup: 'first_found', terms: ['el.yml', 'default.yml'], subdir: 'vars', want: [join(ROLE, 'vars', 'el.yml')] },
  "first_found: the task file's directory (include_tasks)": { lookup: 'first_found', terms: ['setup-el.yml'], want: [join(ROLE, 'tasks', 'setup-el.yml')] },
  "first_found: the playbook's vars/": { lookup: 'first_found', terms: ['play.yml'], subdir: 'vars', want: [join(PLAY, 'vars', 'play.yml')] },
  'first_found: files and paths': { lookup: 'first_found', terms: [{ files: ['nope.yml', 'default.yml'], paths: ['vars'] }], want: [join(ROLE, 'vars', 'default.yml')] },
  'first_found: files and paths as text split on , ; :': { lookup: 'first_found', terms: [{ files: 'nope.yml,default.yml', paths: 'x:vars' }], want: [join(ROLE, 'vars', 'default.yml')] },
  'first_found: a name naming an undefined variable is passed over': {
    lookup: 'first_found',
    terms: ['{{ undefined_var }}.yml', '{{ os }}.yml'],
    vars: { os: 'el' },
    subdir: 'vars',
    want: [join(ROLE, 'vars', 'el.yml')],
  },
  'first_found: nested lists': { lookup: 'first_found', terms: [['nope', ['a.conf']]], want: [join(ROLE, 'files', 'a.conf')] },
  'first_found: skip': { lookup: 'first_found', terms: [{ files: ['nope'], skip: true }], want: [] },
  'first_found: skip as a keyword': { lookup: 'first_found', terms: ['nope'], kwargs: { skip: true }, want: [] },
  'first_found: nothing found': { lookup: 'first_found', terms: ['nope'], error: 'No file was found when using first_found.' },
  'first_found: a number': { lookup: 'first_found', terms: [3], error: 'Invalid term supplied' },
  // variables
  'vars: rendered': { lookup: 'vars', terms: ['b'], vars: { a: 1, b: '{{ a + 1 }}' }, want: ['2'] },
  'vars: from hostvars': { lookup: 'vars', terms: ['hv'], vars: { inventory_hostname: 'h1', hostvars: { h1: { hv: 'x' } } }, want: ['x'] },
  'vars: missing, with a default': { lookup: 'vars', terms: ['nope'], kwargs: { default: 'd' }, want: ['d'] },
  'vars: missing': { lookup: 'vars', terms: ['nope'], error: 'No variable found with this name: nope' },
  'vars: not a string': { lookup: 'vars', terms: [1], error: 'Invalid setting identifier' },
  // community.general.merge_variables (results compared with Ansible 2.14 + community.general 6.6.2)
  'merge_variables: lists by regex, in name order, after the initial value': { lookup: 'community.general.merge_variables', terms: ['^peers__.+$'], kwargs: { initial_value: [0] }, vars: { peers__b: [2], peers__a: [1], other: [9] }, want: [[0, 1, 2]] },
  'merge_variables: dicts by suffix, merged deeply, lists appended': { lookup: 'community.general.merge_variables', terms: ['__cfg'], kwargs: { pattern_type: 'suffix' }, vars: { d1__cfg: { ports: [1], x: { y: 1 }, k: 'same' }, d2__cfg: { ports: [3], x: { z: 2 }, k: 'same' } }, want: [{ ports: [1, 3], x: { y: 1, z: 2 }, k: 'same' }] },
  'merge_variables: nothing matches': { lookup: 'community.general.merge_variables', terms: ['nomatch'], vars: { a: [1] }, want: [null] },
  'merge_variables: a changed key is an error by default': { lookup: 'community.general.merge_variables', terms: ['__ov'], kwargs: { pattern_type: 'suffix' }, vars: { o1__ov: { k: 1 }, o2__ov: { k: 2 } }, error: "The key 'k' with value '1' will be overwritten with value '2' from 'o2__ov.k'" },
  'merge_variables: override=ignore keeps the later value': { lookup: 'community.general.merge_variables', terms: ['__ov'], kwargs: { pattern_type: 'suffix', override: 'ignore' }, vars: { o1__ov: { k: 1 }, o2__ov: { k: 2 } }, want: [{ k: 2 }] },
  'merge_variables: a list and a dict do not merge': { lookup: 'community.general.merge_variables', terms: ['^m__'], vars: { m__a: [1], m__b: { a: 1 } }, error: 'Unable to merge, not all variables are of the same type' },
  'merge_variables: a string is not merged': { lookup: 'community.general.merge_variables', terms: ['^s__'], vars: { s__a: 'x' }, error: 'Not supported type detected, variable must be a list or a dict' },
  'merge_variables: a bad pattern_type': { lookup: 'community.general.merge_variables', terms: ['x'], kwargs: { pattern_type: 'bogus' }, error: 'setting: pattern_type ", valid values are: prefix, suffix, regex' },
  'merge_variables: a term that is not a string': { lookup: 'community.general.merge_variables', terms: [42], error: "Non-string type '<class 'int'>' passed, only 'str' types are allowed!" },
  // community.general.filetree: a missing tree yields nothing
  'filetree: a tree that is not there': { lookup: 'filetree', terms: ['no-such-tree/'], want: [] },
  'varnames: a regex searched in every name': { lookup: 'varnames', terms: ['^app_', 'port$'], vars: { app_a: 1, other: 2, app_b: 3, ssh_port: 4 }, want: ['app_a', 'app_b', 'ssh_port'] },
  'env: unset, with a default': { lookup: 'env', terms: ['KPLAY_SURELY_UNSET_VAR'], kwargs: { default: 'd' }, want: ['d'] },
  'env: unset': { lookup: 'env', terms: ['KPLAY_SURELY_UNSET_VAR'], want: [''] },
  'inventory_hostnames: a pattern over groups': { lookup: 'inventory_hostnames', terms: ['all:!web'], vars: { groups: GROUPS }, want: ['h3', 'h4'] },
  'inventory_hostnames: several patterns': { lookup: 'inventory_hostnames', terms: ['db', 'h1'], vars: { groups: GROUPS }, want: ['h3', 'h4', 'h1'] },
  'inventory_hostnames: an intersection': { lookup: 'inventory_hostnames', terms: ['web:&h2'], vars: { groups: GROUPS }, want: ['h2'] },
  'ansible.builtin. names': { lookup: 'ansible.builtin.items', terms: [[1]], want: [1] },
  'ansible.legacy. names': { lookup: 'ansible.legacy.dict', terms: { a: 1 }, want: [{ key: 'a', value: 1 }] },
  'community.general.cartesian': { lookup: 'community.general.cartesian', terms: [[1], [2]], want: [[1, 2]] },
  'flattened: lists spliced in at every depth': { lookup: 'community.general.flattened', terms: [1, [2, [3, [4]]], [[['a']]], 'b'], want: [1, 2, 3, 4, 'a', 'b'] },
  "flattened: 'null' ends the list, as in Ansible": { lookup: 'flattened', terms: [1, 'null', 2], want: [1] },
  'flattened: a mapping is refused': { lookup: 'flattened', terms: { a: 1 }, error: 'with_flattened expects a list' },
  'an unknown lookup': { lookup: 'itmes', terms: [], error: "no lookup plugin named 'itmes' (did you mean 'items'?)" },
};

describe('lookup plugins', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const vars = withLookups({ ...(c.vars ?? {}) }, inRole, where);
      const run = (): unknown[] => runLookup(c.lookup, c.terms, c.kwargs ?? {}, lookupContext(vars, inRole, where, c.subdir));
      if (c.error !== undefined) expect(run).toThrow(c.error);
      else expect(run()).toEqual(c.want);
    });
  }
});

describe('lookup() and query() in templates', () => {
  const vars = withLookups({ d: { a: 1 }, xs: ['x', 'y'], t: '{{ d }}' }, inRole, where);
  const cases: [string, unknown][] = [
    ["{{ lookup('items', xs) }}", 'x,y'],
    ["{{ query('items', xs) }}", ['x', 'y']],
    ["{{ q('items', xs) }}", ['x', 'y']],
    ["{{ lookup('items', xs, wantlist=True) }}", ['x', 'y']],
    // one value that is not text: itself; several: the list; none: an empty list
    ["{{ lookup('dict', d) }}", { key: 'a', value: 1 }],
    ["{{ lookup('items', [1, 2]) }}", [1, 2]],
    ["{{ lookup('items', []) }}", []],
    ["{{ lookup('ansible.builtin.sequence', 'end=2') }}", '1,2'],
    ["{{ lookup('first_found', 'nope', errors='ignore') is none }}", true],
    ["{{ query('first_found', 'nope', errors='warn') }}", []],
    // the terms are templated once more, as Ansible's listify_lookup_plugin_terms does
    ["{{ lookup('vars', 't') }}", { a: 1 }],
    ["{{ lookup('items', '{{ xs }}') }}", 'x,y'],
  ];
  for (const [template, want] of cases) it(template, () => expect(render(template, vars, where)).toEqual(want));

  it("a lookup's text is never rendered again (Ansible marks it unsafe)", () => {
    expect(render("{{ lookup('file', 'padded.txt') | replace('padded', '{{ d }}') }}", vars, where)).toBe('  {{ d }} text');
    const list = render("{{ query('file', 'padded.txt') }}", vars, where);
    expect(list).toEqual(['  padded text']);
    expect(isUnsafe(list)).toBe(true);
  });

  it('a failed lookup is a located error naming the lookup', () => {
    expect(() => render("{{ lookup('file', 'nope.txt') }}", vars, where)).toThrow(/lookup\('file'\): could not locate file in lookup: nope.txt/);
    expect(() => render("{{ lookup('nope') }}", vars, where)).toThrow("no lookup plugin named 'nope'");
  });
});

describe('the items of a loop', () => {
  const vars = withLookups({ users: [{ n: 'a', k: [1, 2] }], d: { x: 1 }, os: 'el', nested: [['a', 'b'], 'c'] }, inRole, where);
  const items = (loop: unknown, loopWith: string | undefined, action = 'debug'): unknown[] => loopItems({ loop, loopWith }, action, vars, inRole, where);

  it('loop: must render to a list', () => {
    expect(items('{{ nested }}', undefined)).toEqual([['a', 'b'], 'c']);
    expect(() => items('{{ d }}', undefined)).toThrow("Invalid data passed to 'loop', it requires a list, got this instead: {'x': 1}");
  });

  it('with_items flattens a variable as well as a literal list', () => {
    expect(items('{{ nested }}', 'items')).toEqual(['a', 'b', 'c']);
    expect(items(['{{ nested }}', 'd'], 'items')).toEqual([['a', 'b'], 'c', 'd']);
    expect(items('  {{ nested }}  ', 'list')).toEqual([['a', 'b'], 'c']);
  });

  it('with_dict takes a mapping, written or templated', () => {
    expect(items({ a: 1 }, 'dict')).toEqual([{ key: 'a', value: 1 }]);
    expect(items('{{ d }}', 'dict')).toEqual([{ key: 'x', value: 1 }]);
  });

  it('with_sequence takes its text; with_subelements its list', () => {
    expect(items('start=1 end=2', 'sequence')).toEqual(['1', '2']);
    expect(items(['{{ users }}', 'k'], 'subelements')).toEqual([[{ n: 'a' }, 1], [{ n: 'a' }, 2]]);
    expect(vars.users).toEqual([{ n: 'a', k: [1, 2] }]);
  });

  it('with_first_found passes over names of undefined variables, and searches by the kind of task', () => {
    expect(items(['{{ nope }}.yml', '{{ os }}.yml'], 'first_found', 'include_vars')).toEqual([join(ROLE, 'vars', 'el.yml')]);
    expect(items([{ files: ['{{ nope }}.yml', 'default.yml'] }], 'first_found', 'ansible.builtin.include_vars')).toEqual([join(ROLE, 'vars', 'default.yml')]);
    expect(items(['setup-{{ nope }}.yml', 'setup-{{ os }}.yml'], 'first_found', 'include_tasks')).toEqual([join(ROLE, 'tasks', 'setup-el.yml')]);
  });

  it("a lookup's failure or an undefined variable is an error located at the task", () => {
    expect(() => items('{{ nope }}', 'items')).toThrow("'nope' is undefined");
    expect(() => items(['x'], 'first_found')).toThrow('with_first_found: No file was found when using first_found.');
    expect(() => items({ a: 1 }, 'list')).toThrow('with_list: with_list expects a list');
  });

  it('first_found searches templates/ for a template task, vars/ for include_vars, else files/', () => {
    expect(['template', 'ansible.builtin.template', 'include_vars', 'copy', 'file', 'debug'].map(subdirFor)).toEqual(['templates', 'templates', 'vars', 'files', 'files', 'files']);
  });
});

describe("one item's loop variables", () => {
  const items = ['a', 'b', 'c'];
  it('the loop variable, ansible_loop_var and the index variable', () => {
    expect(itemVars(items, 1, undefined)).toEqual({ item: 'b', ansible_loop_var: 'item' });
    expect(itemVars(items, 2, { loopVar: 'pkg', indexVar: 'i' })).toEqual({ pkg: 'c', ansible_loop_var: 'pkg', i: 2, ansible_index_var: 'i' });
  });
  it('loop_control.extended: ansible_loop as Ansible fills it', () => {
    expect(itemVars(items, 0, { loopVar: 'item', extended: true }).ansible_loop).toEqual({
      index: 1, index0: 0, first: true, last: false, length: 3, revindex: 3, revindex0: 2, allitems: items, nextitem: 'b',
    });
    expect(itemVars(items, 2, { loopVar: 'item', extended: true, extendedAllitems: false }).ansible_loop).toEqual({
      index: 3, index0: 2, first: false, last: true, length: 3, revindex: 1, revindex0: 0, previtem: 'b',
    });
  });
});

describe('the password lookup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-password-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const place: SearchPlace = { paths: [], playbookDir: dir, keyring: NO_VAULT };
  const pw = (term: string, kwargs: Dict = {}): unknown => runLookup('password', [term], kwargs, lookupContext({}, place, where))[0];

  it('makes a password of the chars asked, keeps it (mode 0600), and reads it back', () => {
    const first = pw('keep/one chars=digits length=12');
    expect(first).toMatch(/^[0-9]{12}$/);
    expect(readFileSync(join(dir, 'keep', 'one'), 'utf8')).toBe(`${String(first)}\n`);
    expect(statSync(join(dir, 'keep', 'one')).mode & 0o777).toBe(0o600);
    expect(pw('keep/one length=3')).toBe(first);
  });
  it('reads a kept password without its salt', () => {
    writeFileSync(join(dir, 'salted'), 'secret salt=abcdefgh\n');
    expect(pw('salted')).toBe('secret');
  });
  it('defaults: 20 of letters, digits and .,:-_; /dev/null keeps nothing; chars as a keyword list', () => {
    expect(pw('/dev/null')).toMatch(/^[A-Za-z0-9.,:_-]{20}$/);
    expect(pw('/dev/null', { chars: ['ascii_uppercase', 'digits'], length: 8 })).toMatch(/^[A-Z0-9]{8}$/);
    expect(pw('/dev/null chars=ascii_lowercase,,')).toMatch(/^[a-z,]{20}$/);
  });
  it('seed= gives the same password each time', () => {
    expect(pw('/dev/null seed=host1')).toBe(pw('/dev/null seed=host1'));
    expect(pw('/dev/null seed=host1')).not.toBe(pw('/dev/null seed=host2'));
  });
  it('refuses unknown parameters and encrypt=', () => {
    expect(() => pw('/dev/null lenght=3')).toThrow('Unrecognized parameter(s) given to password lookup: lenght');
    expect(() => pw('/dev/null length=3 extra')).toThrow('Unrecognized value after key=value parameters');
    expect(() => pw('/dev/null encrypt=sha512_crypt')).toThrow('encrypt= is not supported');
  });
});
