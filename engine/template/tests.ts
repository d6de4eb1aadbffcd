// Jinja2 and Ansible tests (`x is defined`, `result is failed`, `name is match('^vm')`).
import { existsSync, lstatSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { isFloat, numberOf } from '../core/pyfloat.js';
import { pyRegex } from './regex.js';
import { canonicalTest } from './names.js';
import { IP_TESTS } from './tests-ip.js';
import { MORE_TESTS } from './tests-more.js';
import { TemplateRuntimeError, Undefined } from './undefined.js';
import { compare, contains, equal, getKey, hasKey, isDict, pyStr, truthy, typeName, type Dict, isList } from './values.js';

export type Test = (value: unknown, args: unknown[], kwargs: Dict) => boolean;

/** tests that receive an undefined value instead of failing on it */
export const TESTS_TAKING_UNDEFINED = new Set(['defined', 'undefined', 'none']);

function result(v: unknown, test: string): Dict {
  if (!isDict(v)) throw new TemplateRuntimeError(`The '${test}' test expects a dictionary (a registered result), got ${typeName(v)}`);
  return v;
}

const failed: Test = (v) => truthy(getKey(result(v, 'failed'), 'failed') ?? false);
const succeeded: Test = (v, a, k) => !failed(v, a, k);
const changed: Test = (v) => {
  const r = result(v, 'changed');
  if (hasKey(r, 'changed')) return truthy(r.changed);
  const items = r.results;
  return isList(items) && items.some((x) => isDict(x) && truthy(getKey(x, 'changed') ?? false));
};
const skipped: Test = (v) => truthy(getKey(result(v, 'skipped'), 'skipped') ?? false);

function regexTest(anchored: 'match' | 'search'): Test {
  return (v, a, k) => {
    const pattern = pyStr(a[0] ?? k.pattern ?? '');
    const ignorecase = truthy(a[1] ?? k.ignorecase ?? false);
    const multiline = truthy(a[2] ?? k.multiline ?? false);
    const re = pyRegex(pattern, { ignorecase, multiline, anchored: anchored === 'match' });
    return re.test(pyStr(v));
  };
}

/** Loose version comparison, as LooseVersion: numeric parts compare as numbers. */
function versionCompare(v: unknown, a: unknown[], k: Dict): boolean {
  const parts = (s: unknown): (number | string)[] => pyStr(s).split(/[.\-_+]|(?<=\d)(?=\D)|(?<=\D)(?=\d)/).filter((x) => x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const l = parts(v);
  const r = parts(a[0] ?? k.version);
  let c = 0;
  for (let i = 0; i < Math.max(l.length, r.length) && c === 0; i++) {
    const x = l[i];
    const y = r[i];
    if (x === undefined) c = -1;
    else if (y === undefined) c = 1;
    else if (typeof x === typeof y) c = compare(x, y);
    else c = typeof x === 'number' ? 1 : -1;
  }
  const op = pyStr(a[1] ?? k.operator ?? 'eq');
  const ops: Record<string, boolean> = { eq: c === 0, '==': c === 0, '=': c === 0, ne: c !== 0, '!=': c !== 0, '<>': c !== 0, lt: c < 0, '<': c < 0, le: c <= 0, '<=': c <= 0, gt: c > 0, '>': c > 0, ge: c >= 0, '>=': c >= 0 };
  const res = ops[op];
  if (res === undefined) throw new TemplateRuntimeError(`version test: unknown operator '${op}'`);
  return res;
}

const entries: [string, Test][] = [
  ['defined', (v) => !(v instanceof Undefined)],
  ['undefined', (v) => v instanceof Undefined],
  ['none', (v) => v === null],
  ['failed', failed], ['failure', failed],
  ['succeeded', succeeded], ['success', succeeded], ['successful', succeeded],
  ['changed', changed], ['change', changed],
  ['skipped', skipped], ['skip', skipped],
  ['match', regexTest('match')],
  ['search', regexTest('search')],
  ['regex', (v, a, k) => (k.match_type === 'match' ? regexTest('match') : regexTest('search'))(v, a, k)],
  ['in', (v, a) => contains(a[0], v)],
  ['contains', (v, a) => contains(v, a[0])],
  ['subset', (v, a) => isList(v) && isList(a[0]) && v.every((x) => contains(a[0], x))],
  ['superset', (v, a) => isList(v) && isList(a[0]) && a[0].every((x) => contains(v, x))],
  ['string', (v) => typeof v === 'string'],
  ['number', (v) => numberOf(v) !== undefined],
  ['integer', (v) => typeof v === 'number' && !isFloat(v)],
  ['float', (v) => isFloat(v)],
  ['boolean', (v) => typeof v === 'boolean'],
  ['mapping', (v) => isDict(v)],
  ['sequence', (v) => isList(v) || typeof v === 'string' || isDict(v)],
  ['iterable', (v) => isList(v) || typeof v === 'string' || isDict(v)],
  ['sameas', (v, a) => v === a[0]],
  ['eq', (v, a) => equal(v, a[0])], ['equalto', (v, a) => equal(v, a[0])], ['==', (v, a) => equal(v, a[0])],
  ['ne', (v, a) => !equal(v, a[0])], ['!=', (v, a) => !equal(v, a[0])],
  ['lt', (v, a) => compare(v, a[0]) < 0], ['le', (v, a) => compare(v, a[0]) <= 0],
  ['gt', (v, a) => compare(v, a[0]) > 0], ['ge', (v, a) => compare(v, a[0]) >= 0],
  ['even', (v) => Number(v) % 2 === 0], ['odd', (v) => Math.abs(Number(v) % 2) === 1],
  ['divisibleby', (v, a) => Number(v) % Number(a[0]) === 0],
  ['truthy', (v) => truthy(v)], ['falsy', (v) => !truthy(v)],
  ['lower', (v) => typeof v === 'string' && v === v.toLowerCase()],
  ['upper', (v) => typeof v === 'string' && v === v.toUpperCase()],
  // path tests look at the controller, as in Ansible
  ['exists', (v) => existsSync(pyStr(v))],
  ['file', (v) => existsSync(pyStr(v)) && statSync(pyStr(v)).isFile()],
  ['directory', (v) => existsSync(pyStr(v)) && statSync(pyStr(v)).isDirectory()],
  ['link', (v) => { try { return lstatSync(pyStr(v)).isSymbolicLink(); } catch { return false; } }],
  ['abs', (v) => isAbsolute(pyStr(v))],
  ['version', versionCompare], ['version_compare', versionCompare],
];

export const TESTS: ReadonlyMap<string, Test> = new Map([...entries, ...MORE_TESTS, ...IP_TESTS]);

/** A test by any name Ansible loads it under (short, ansible.builtin., collection), or undefined. */
export function testNamed(name: string): Test | undefined {
  const canonical = canonicalTest(name, TESTS);
  return canonical === undefined ? undefined : TESTS.get(canonical);
}
