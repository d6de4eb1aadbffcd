// Collection filters by their full names (community.general time filters, ansible.utils key filters,
// community.crypto.x509_certificate_info): values as data, and the errors Ansible's plugins raise.
import { describe, expect, it } from 'vitest';
import { render, templateSyntaxError } from '../../../engine/template/index.js';
import { pyStr } from '../../../engine/template/values.js';
import { collectionFilterVars, keyCases, keyCopyCases, timeCases, x509Cases } from './collection-filter-cases.js';

const where = { loc: { file: 'play.yml', line: 3, col: 5 }, task: 'T' };

describe('collection filters: cases as data', () => {
  it.each([...timeCases, ...keyCases, ...keyCopyCases, ...x509Cases])('%s', (template, expected) => {
    const value = render(template, collectionFilterVars, where);
    // a template that is one number may come back as its text (Ansible's non-native rendering): the same number
    if (typeof expected === 'number' && typeof value === 'string') expect(value).toBe(pyStr(expected));
    else expect(value).toEqual(expected);
  });
});

describe('collection filters: errors as the plugins word them', () => {
  const errors: [string, RegExp][] = [
    ["{{ '1 h' | community.general.to_seconds }}", /to_time_unit\(\) can not interpret following string: 1 h/],
    ["{{ '1x' | community.general.to_seconds }}", /can not interpret following string: 1x/],
    ["{{ '1m1s' | community.general.to_seconds }}", /can not interpret following string: 1m1s/],
    ["{{ '1h' | community.general.to_time_unit('fortnight') }}", /can not convert to the following unit: fortnight\. Available units/],
    ["{{ '1h' | community.general.to_seconds(foo=1) }}", /got unknown keyword arguments: foo/],
    ["{{ '1h' | community.general.to_seconds('x') }}", /to_seconds\(\) takes 1 positional argument but 2 were given/],
    ["{{ 3600 | community.general.to_seconds }}", /'int' object has no attribute 'split'/],
    ["{{ 'x' | ansible.utils.remove_keys(target=['a']) }}", /Error when using plugin 'remove_keys': Input is not valid for attribute removal/],
    ["{{ [] | ansible.utils.keep_keys }}", /missing required arguments: target/],
    ["{{ [] | ansible.utils.keep_keys(target=['a'], matching_parameter='x') }}", /value of matching_parameter must be one of: starts_with, ends_with, regex, got: x/],
    ["{{ [] | ansible.utils.remove_keys(target={'a': 1}) }}", /argument 'target' is of type dict/],
    ["{{ [] | ansible.utils.replace_keys(target=[{'before': 'a', 'after': 'b', 'c': 1}]) }}", /target\.c\. Supported parameters include: after, before\./],
    ["{{ [] | ansible.utils.replace_keys(target=['a']) }}", /unable to convert to dict/],
    ["{{ 42 | community.crypto.x509_certificate_info }}", /input must be a text type, not <class 'int'>/],
    ["{{ 'nothing' | community.crypto.x509_certificate_info }}", /Unable to load PEM file/],
    ["{{ '-----BEGIN PUBLIC KEY-----' | community.crypto.x509_certificate_info }}", /no BEGIN CERTIFICATE\/END CERTIFICATE delimiters/],
    ["{{ web_pem | community.crypto.x509_certificate_info(name_encoding='punycode') }}", /must be one of the values "ignore", "idna", or "unicode", not "punycode"/],
  ];
  it.each(errors)('%s', (template, message) => {
    expect(() => render(template, collectionFilterVars, where)).toThrow(message);
  });

  it('knows the filters by their collection names only, as Ansible routes no short name to them', () => {
    expect(templateSyntaxError("{{ '1h' | community.general.to_seconds }}")).toBeUndefined();
    expect(templateSyntaxError("{{ x | ansible.utils.keep_keys(target=['a']) }}")).toBeUndefined();
    expect(templateSyntaxError('{{ pem | community.crypto.x509_certificate_info }}')).toBeUndefined();
    expect(templateSyntaxError("{{ '1h' | to_seconds }}")?.message).toMatch(/no filter named 'to_seconds'/);
  });
});
