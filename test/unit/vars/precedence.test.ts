// Variable precedence: one case per adjacent pair of layers, plus magic variables and the object a task gets.
import { describe, expect, it } from 'vitest';
import { buildTaskVars, factVars, hostvarsView, type MagicVars, type VarLayers } from '../../../engine/vars/index.js';
import { render } from '../../../engine/template/index.js';

const magic: MagicVars = {
  inventoryHostname: 'kvm1.lab.example',
  groups: { all: ['kvm1.lab.example', 'kvm2'], ungrouped: [], kvm: ['kvm1.lab.example', 'kvm2'], el8: ['kvm1.lab.example'] },
  hostvars: {},
  playHosts: ['kvm1.lab.example'],
  playHostsAll: ['kvm1.lab.example', 'kvm2'],
  playBatch: ['kvm1.lab.example'],
  checkMode: true,
  playbookDir: '/srv/playbooks',
};

type LayerName = Exclude<keyof VarLayers, 'magic'>;
/** lowest first, as documented in engine/vars/task-vars.ts and docs/variables.md */
const ORDER: LayerName[] = [
  'roleDefaults',
  'inventory',
  'facts',
  'play',
  'varsFiles',
  'roleVars',
  'blocks',
  'includeItem',
  'task',
  'includeVars',
  'runtime',
  'includeParams',
  'extra',
];
const MANY: readonly LayerName[] = ['roleDefaults', 'varsFiles', 'roleVars', 'blocks', 'includeParams'];

function layer(name: LayerName, value: string): Partial<VarLayers> {
  const vars = { x: value };
  return { [name]: MANY.includes(name) ? [vars] : vars };
}

const pairs = ORDER.slice(1).map((higher, i) => [ORDER[i] as LayerName, higher] as const);

describe('precedence', () => {
  it.each(pairs)('%s < %s', (lower, higher) => {
    const both = buildTaskVars({ magic, ...layer(lower, lower), ...layer(higher, higher) });
    expect(both.x).toBe(higher);
    const onlyLower = buildTaskVars({ magic, ...layer(lower, lower) });
    expect(onlyLower.x).toBe(lower);
  });

  it('later vars_files, inner blocks, inner includes and a task\'s own role win', () => {
    const v = buildTaskVars({
      magic,
      varsFiles: [{ x: 'first', y: 'first' }, { x: 'second' }],
      blocks: [{ b: 'outer', c: 'outer' }, { b: 'inner' }],
      includeParams: [{ i: 'outer', j: 'outer' }, { i: 'inner' }],
      roleDefaults: [{ d: 'play role' }, { d: 'own role' }],
      roleVars: [{ r: 'play role', s: 'play role' }, { r: 'own role' }],
    });
    expect([v.x, v.y, v.b, v.c, v.i, v.j, v.d, v.r, v.s]).toEqual(['second', 'first', 'inner', 'outer', 'inner', 'outer', 'own role', 'own role', 'play role']);
  });

  it('replaces dicts whole, never merges them (hash_behaviour=replace)', () => {
    const v = buildTaskVars({ magic, play: { cfg: { a: 1, b: 2 } }, task: { cfg: { a: 9 } } });
    expect(v.cfg).toEqual({ a: 9 });
  });

  it('magic variables sit above every layer, as Ansible sets them last', () => {
    const v = buildTaskVars({ magic, extra: { inventory_hostname: 'spoofed' } });
    expect(v.inventory_hostname).toBe('kvm1.lab.example');
  });
});

describe('magic variables', () => {
  const v = buildTaskVars({ magic: { ...magic, rolePath: '/srv/playbooks/roles/kvm', roleName: 'kvm' } });
  const cases: [string, unknown][] = [
    ['{{ inventory_hostname }}', 'kvm1.lab.example'],
    ['{{ inventory_hostname_short }}', 'kvm1'],
    ['{{ group_names }}', ['el8', 'kvm']],
    ["{{ groups['kvm'] | length }}", '2'],
    ['{{ ansible_play_hosts }}', ['kvm1.lab.example']],
    ['{{ ansible_play_hosts_all }}', ['kvm1.lab.example', 'kvm2']],
    ['{{ ansible_play_batch }}', ['kvm1.lab.example']],
    ['{{ play_hosts }}', ['kvm1.lab.example']], // Ansible's old name for the batch
    ['{{ ansible_check_mode }}', true],
    ['{{ ansible_diff_mode }}', false],
    ['{{ role_name }}', 'kvm'],
    ['{{ playbook_dir }}', '/srv/playbooks'],
    ['{{ role_path }}/files', '/srv/playbooks/roles/kvm/files'],
  ];
  it.each(cases)('%s', (template, expected) => {
    expect(render(template, v, { loc: { file: 'p.yml', line: 1, col: 1 } })).toEqual(expected);
  });

  it('role_path is absent outside a role', () => {
    expect('role_path' in buildTaskVars({ magic })).toBe(false);
  });
});

describe('facts and hostvars', () => {
  it('injects facts as ansible_facts.* and ansible_*', () => {
    const v = buildTaskVars({ magic, facts: factVars({ distribution: 'Rocky', os_family: 'RedHat' }) });
    const where = { loc: { file: 'p.yml', line: 1, col: 1 } };
    expect(render('{{ ansible_facts.distribution }} {{ ansible_os_family }}', v, where)).toBe('Rocky RedHat');
  });

  it('computes a host\'s hostvars only when read', () => {
    const computed: string[] = [];
    const hostvars = hostvarsView(['a', 'b'], (h) => {
      computed.push(h);
      return { name_of: h };
    });
    const v = buildTaskVars({ magic: { ...magic, hostvars } });
    expect(computed).toEqual([]);
    expect(render("{{ hostvars['b'].name_of }}", v, { loc: { file: 'p.yml', line: 1, col: 1 } })).toBe('b');
    expect(computed).toEqual(['b']);
    expect(Object.keys(hostvars)).toEqual(['a', 'b']);
  });
});

describe('the object a task gets', () => {
  const shared = { play_var: 1 };
  const v = buildTaskVars({ magic, play: shared, task: { t: 2 } });

  it('is a plain object for spreading and key listing', () => {
    const copy: Record<string, unknown> = { ...v, item: 'x' };
    expect(copy.play_var).toBe(1);
    expect(copy.t).toBe(2);
    expect(copy.inventory_hostname).toBe('kvm1.lab.example');
    expect(Object.keys(v)).toContain('play_var');
    expect(Object.prototype.hasOwnProperty.call(v, 't')).toBe(true);
  });

  it('takes writes without touching the shared layers', () => {
    v.play_var = 99;
    expect(v.play_var).toBe(99);
    expect(shared.play_var).toBe(1);
    expect(buildTaskVars({ magic, play: shared }).play_var).toBe(1);
  });

  it('has no prototype', () => {
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(v.constructor).toBeUndefined();
    expect('toString' in v).toBe(false);
    expect(render('{{ toString is defined }}', v, { loc: { file: 'p.yml', line: 1, col: 1 } })).toBe(false);
  });

  it('takes group_names from the caller when given, else finds them in groups', () => {
    expect(buildTaskVars({ magic }).group_names).toEqual(['el8', 'kvm']);
    expect(buildTaskVars({ magic: { ...magic, groupNames: ['given'] } }).group_names).toEqual(['given']);
  });
});
