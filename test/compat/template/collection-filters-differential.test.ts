// Differential test: community.general's time filters, ansible.utils' key filters and
// community.crypto.x509_certificate_info, called by their full names, through Ansible's own Templar (Debian's
// ansible package carries the collections; python3-cryptography reads the certificate) and through kplay.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { collectionFilterVars, keyCases, timeCases, x509Cases, x509WholeCase } from '../../unit/template/collection-filter-cases.js';
import { ansibleTemplarFresh } from './support/templar-fresh.js';
import { ipMathCases, ipMathErrors } from '../../unit/template/ipmath-cases.js';

const where = { loc: { file: 'p.yml', line: 1, col: 5 } };
const collections = spawnSync('/usr/bin/python3', ['-c', 'import ansible_collections.ansible.utils, ansible_collections.community.general, ansible_collections.community.crypto, cryptography'], { encoding: 'utf8' });

function kplay(template: string): unknown {
  return render(template, collectionFilterVars, where);
}

describe("collection filters agree with Ansible's Templar", () => {
  it('has the collections to compare with (Debian packages ansible, python3-cryptography)', () => {
    expect(collections.status, collections.stderr).toBe(0);
  });

  // the time filters return floats: Ansible prints 3600.0 where kplay, which has one number type, prints 3600
  const timeTemplates = timeCases.map(([t]) => t);
  const timeAnswers = ansibleTemplarFresh(collectionFilterVars, timeTemplates);
  it.each(timeTemplates.map((t, i) => [t, timeAnswers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = kplay(template);
    if (typeof answer.value === 'string' && /^-?\d/.test(answer.value)) expect(Number(mine)).toBe(Number(answer.value));
    else expect(mine).toEqual(answer.value);
  });

  const templates = [...keyCases.map(([t]) => t), ...x509Cases.map(([t]) => t), x509WholeCase, ...ipMathCases.map(([t]) => t)];
  const answers = ansibleTemplarFresh(collectionFilterVars, templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = kplay(template);
    if (typeof answer.value === 'string' && typeof mine === 'number') expect(String(mine)).toBe(answer.value);
    else expect(mine).toEqual(answer.value);
  });

  // the same templates fail in both, each with the plugin's own words
  const failing: [string, RegExp][] = [
    ["{{ '1 h' | community.general.to_seconds }}", /can not interpret following string: 1 h/],
    ["{{ '1m1s' | community.general.to_seconds }}", /can not interpret following string: 1m1s/],
    ["{{ '1h' | community.general.to_time_unit('ss') }}", /can not convert to the following unit: ss/],
    ["{{ '1h' | community.general.to_seconds(foo=1) }}", /unknown keyword arguments: foo/],
    ["{{ 'x' | ansible.utils.remove_keys(target=['a']) }}", /Input is not valid for attribute removal/],
    ["{{ 'x' | ansible.utils.keep_keys(target=['a']) }}", /Input is not valid for keep operation/],
    ["{{ 'x' | ansible.utils.replace_keys(target=[{'before': 'a', 'after': 'b'}]) }}", /Input is not valid for replace operation/],
    ["{{ [] | ansible.utils.remove_keys(target=['a'], matching_parameter='x') }}", /value of matching_parameter must be one of: starts_with, ends_with, regex, got: x/],
    ["{{ [] | ansible.utils.keep_keys }}", /missing required arguments: target/],
    ["{{ 42 | community.crypto.x509_certificate_info }}", /input must be a text type, not <class 'int'>/],
    ["{{ 'nothing' | community.crypto.x509_certificate_info }}", /Unable to load PEM file/],
    ...ipMathErrors.map(([t, m]): [string, RegExp] => [t, new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))]),
  ];
  const failAnswers = ansibleTemplarFresh(collectionFilterVars, failing.map(([t]) => t));
  it.each(failing.map(([t, re], i) => [t, re, failAnswers[i]] as const))('fails alike: %s', (template, message, answer) => {
    expect(answer?.ok).toBe(false);
    if (answer?.ok !== false) return;
    expect(answer.error).toMatch(message);
    expect(() => kplay(template)).toThrow(message);
  });
});
