// Ansible's argument spec validation (validate_argument_spec, role argument specs) as data: conversions, required,
// defaults, choices, elements, sub-options, aliases and unsupported parameters, with Ansible's messages.
import { describe, expect, it } from 'vitest';
import { validateArgumentSpec } from '../../../modules/support/arg-spec.js';

const spec = {
  port: { type: 'int', required: true },
  mode: { choices: ['fast', 'safe'], default: 'safe' },
  names: { type: 'list', elements: 'int' },
  enabled: { type: 'bool' },
  settings: { type: 'dict', options: { key: { required: true }, level: { type: 'int' } } },
  path: { type: 'path', aliases: ['dest'] },
};

describe('validateArgumentSpec', () => {
  it('accepts what Ansible converts: numbers in strings, yes/no, comma lists, key=value dicts', () => {
    expect(validateArgumentSpec(spec, { port: '8080', names: '1,2', enabled: 'yes', settings: 'key=k level=3', dest: '/x' })).toEqual([]);
    expect(validateArgumentSpec(spec, { port: 1, enabled: 0, settings: '{"key": "k"}' })).toEqual([]);
    expect(validateArgumentSpec({ flag: { type: 'bool' }, n: { type: 'float' }, s: {} }, { flag: 'On', n: '1.5', s: 3 })).toEqual([]);
  });

  it('reports in Ansible\'s order: required, types (in the spec\'s order), choices, then sub-options', () => {
    expect(validateArgumentSpec(spec, { mode: 'slow', enabled: 'maybe', names: ['1', 'x'], settings: { level: 1 } })).toEqual([
      'missing required arguments: port',
      "Elements value for option 'names' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int",
      "argument 'enabled' is of type <class 'str'> and we were unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: 'y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'",
      'value of mode must be one of: fast, safe, got: slow',
      'missing required arguments: key found in settings',
    ]);
    expect(validateArgumentSpec(spec, { port: 'abc' })).toEqual(["argument 'port' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int"]);
    expect(validateArgumentSpec(spec, { port: 1.5 })).toEqual(["argument 'port' is of type <class 'float'> and we were unable to convert to int: <class 'float'> cannot be converted to an int"]);
    expect(validateArgumentSpec(spec, { port: 1, settings: { key: 'k', level: 'high' } })).toEqual([
      "argument 'level' is of type <class 'str'> found in 'settings'. and we were unable to convert to int: <class 'str'> cannot be converted to an int",
    ]);
    expect(validateArgumentSpec({ tags: { type: 'list', choices: ['a', 'b'] } }, { tags: ['a', 'c'] })).toEqual(['value of tags must be one or more of: a, b. Got no match for: c']);
    expect(validateArgumentSpec({ d: { type: 'dict' } }, { d: 'nothing' })).toEqual([
      "argument 'd' is of type <class 'str'> and we were unable to convert to dict: dictionary requested, could not parse JSON or key=value",
    ]);
  });

  it('lists unsupported parameters last, with the supported ones and their aliases', () => {
    expect(validateArgumentSpec(spec, { port: 1, colour: 'red', size: 2 })).toEqual(['colour, size. Supported parameters include: enabled, mode, names, path, port, settings (dest).']);
    expect(validateArgumentSpec(spec, { port: 1, settings: { key: 'k', extra: 1 } })).toEqual(['settings.extra. Supported parameters include: key, level.']);
  });

  it('a default satisfies required, and a null value is not checked', () => {
    expect(validateArgumentSpec({ p: { type: 'int', required: true, default: 3 } }, {})).toEqual([]);
    expect(validateArgumentSpec({ p: { type: 'int' } }, { p: null })).toEqual([]);
  });
});
