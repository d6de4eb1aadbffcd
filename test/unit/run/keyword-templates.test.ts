// Keywords written as templates: converted as Ansible's post-validation does, inherited as plain keywords are.
import { describe, expect, it } from 'vitest';
import type { InheritableKeywords, Task } from '../../../engine/playbook/model.js';
import { inheritKeywords } from '../../../engine/run/inherit.js';
import { anyErrorsFatal, resolveKeywords, toKeywordBool, toKeywordInt } from '../../../engine/run/keyword-templates.js';

const loc = { file: 'play.yml', line: 3, col: 5 };
const where = { loc, task: 't' };

const task = (keywords: InheritableKeywords): Task => ({
  kind: 'task',
  name: 't',
  loc,
  when: [],
  tags: [],
  vars: {},
  baseDir: '.',
  module: 'command',
  moduleAs: 'command',
  args: {},
  argsLoc: loc,
  notify: [],
  ...keywords,
});

describe('conversion of a rendered keyword', () => {
  const bools: [unknown, boolean | undefined][] = [
    [true, true], ['True', true], ['yes', true], ['on', true], ['t', true], [1, true],
    [false, false], ['False', false], ['off', false], ['0', false], [0, false],
    ['maybe', undefined], ['', undefined], [null, undefined], [2, undefined],
  ];
  it.each(bools)('bool %j -> %j', (v, want) => {
    const r = toKeywordBool(v);
    expect('value' in r ? r.value : undefined).toBe(want);
  });
  const ints: [unknown, number | undefined][] = [[3, 3], ['3', 3], [' 7 ', 7], [true, 1], ['3.5', undefined], ['x', undefined]];
  it.each(ints)('int %j -> %j', (v, want) => {
    const r = toKeywordInt(v);
    expect('value' in r ? r.value : undefined).toBe(want);
  });
});

describe('resolveKeywords', () => {
  it('renders each template with the host\'s variables into its field', () => {
    const t = task({
      templates: {
        ignore_errors: { text: '{{ tolerant }}', loc },
        no_log: { text: "{{ inventory_hostname == 'h1' }}", loc },
        retries: { text: '{{ n }}', loc },
        check_mode: { text: '{{ ansible_check_mode }}', loc },
      },
    });
    const r = resolveKeywords(t, { tolerant: 'yes', inventory_hostname: 'h1', n: '4', ansible_check_mode: false }, where);
    expect([r.ignoreErrors, r.noLog, r.retries, r.checkMode, r.templates]).toEqual([true, true, 4, false, undefined]);
  });
  it('a value that is not a boolean is an error naming the keyword', () => {
    const t = task({ templates: { become: { text: "{{ 'maybe' }}", loc } } });
    expect(() => resolveKeywords(t, {}, where)).toThrow("the field 'become' has an invalid value ({{ 'maybe' }}), and could not be converted to an bool.The error was: The value 'maybe' is not a valid boolean.");
  });
  it('an int keyword gives Python\'s int() error', () => {
    const t = task({ templates: { throttle: { text: '{{ n }}', loc } } });
    expect(() => resolveKeywords(t, { n: '2.5' }, where)).toThrow("could not be converted to an int.The error was: invalid literal for int() with base 10: '2.5'");
    expect(resolveKeywords(t, { n: 2.5 }, where).throttle).toBe(2);
  });
  it('async and poll templates set async on the host; async 0 is a plain task', () => {
    const t = { ...task({}), asyncWritten: { limitS: { text: "{{ (t | regex_replace('s$', '') | int) + 120 }}", loc }, poll: { text: '{{ 1 }}', loc } } };
    expect(resolveKeywords(t, { t: '10s' }, where).async).toEqual({ limitS: 130, poll: 1 });
    expect(resolveKeywords(t, { t: '-120s' }, where).async).toBeUndefined();
  });
  it('async names Ansible\'s attribute async_val; a module that cannot take async fails with Ansible\'s words', () => {
    const t = { ...task({}), asyncWritten: { limitS: { text: '{{ x }}', loc }, poll: 15 } };
    expect(() => resolveKeywords(t, { x: 'soon' }, where)).toThrow("the field 'async_val' has an invalid value ({{ x }})");
    expect(() => resolveKeywords({ ...t, module: 'debug' }, { x: 5 }, where)).toThrow('async is not supported for this task.');
  });
});

describe('any_errors_fatal for the batch', () => {
  it('a template counts as true whatever it renders to, as Ansible\'s strategy reads it as written', () => {
    expect(anyErrorsFatal(task({ templates: { any_errors_fatal: { text: '{{ false }}', loc } } }))).toBe(true);
    expect(anyErrorsFatal(task({ anyErrorsFatal: false }))).toBe(false);
  });
  it('a task\'s plain false hides a play\'s template', () => {
    const r = inheritKeywords({ templates: { any_errors_fatal: { text: '{{ x }}', loc } } }, { anyErrorsFatal: false });
    expect(anyErrorsFatal(task(r))).toBe(false);
  });
  it('its value is still checked on each host', () => {
    const t = task({ templates: { any_errors_fatal: { text: '{{ x }}', loc } } });
    expect(() => resolveKeywords(t, { x: 'banana' }, where)).toThrow(/could not be converted to an bool/);
  });
});

describe('inheritance of templated keywords', () => {
  const parent: InheritableKeywords = { templates: { ignore_errors: { text: '{{ a }}', loc }, no_log: { text: '{{ b }}', loc } } };
  it('a block\'s template reaches a task that sets nothing', () => {
    expect(inheritKeywords(parent, {}).templates).toEqual(parent.templates);
  });
  it('a task\'s plain value hides the block\'s template for that keyword only', () => {
    const r = inheritKeywords(parent, { ignoreErrors: false });
    expect([r.ignoreErrors, r.templates?.ignore_errors, r.templates?.no_log?.text]).toEqual([false, undefined, '{{ b }}']);
  });
  it('a task\'s template hides the block\'s plain value', () => {
    const r = inheritKeywords({ ignoreErrors: true }, { templates: { ignore_errors: { text: '{{ c }}', loc } } });
    expect(r.templates?.ignore_errors?.text).toBe('{{ c }}');
    expect(resolveKeywords(task(r), { c: false }, where).ignoreErrors).toBe(false);
  });
});
