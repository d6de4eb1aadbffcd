// The rest of Ansible 2.14's tests (core.py, files.py, mathstuff.py, uri.py) and Jinja2's that kplay lacked.
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { TemplateRuntimeError } from './undefined.js';
import { Callable, contains, getKey, isDict, isList, pyStr, truthy, typeName, type Dict } from './values.js';

type Test = (value: unknown, args: unknown[], kwargs: Dict) => boolean;

function result(v: unknown, test: string): Dict {
  if (!isDict(v)) throw new TemplateRuntimeError(`The '${test}' test expects a dictionary, got ${typeName(v)}`);
  return v;
}

/** async job state: 0/1 in Ansible; a result without the key counts as started/finished */
const asyncState = (key: string): Test => (v) => {
  const r = result(v, key);
  const x = getKey(r, key);
  return x === undefined ? true : x === 1 || x === true;
};

const unreachable: Test = (v) => truthy(getKey(result(v, 'unreachable'), 'unreachable') ?? false);

const path = (v: unknown): string => pyStr(v);
function isMount(p: string): boolean {
  try {
    if (!statSync(p).isDirectory()) return false;
    const parent = dirname(realpathSync(p));
    return realpathSync(p) === '/' || statSync(p).dev !== statSync(parent).dev || statSync(p).ino === statSync(parent).ino;
  } catch {
    return false;
  }
}
function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** urlparse: a scheme is letters, digits, + - . after a letter, before ':' */
const schemeOf = (s: string): string => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s)?.[1]?.toLowerCase() ?? '';
function isUri(v: unknown, schemes: unknown): boolean {
  if (typeof v !== 'string') return false;
  return !isList(schemes) || schemes.includes(schemeOf(v));
}

const subset: Test = (v, a) => isList(v) && isList(a[0]) && v.every((x) => contains(a[0], x));
const superset: Test = (v, a) => isList(v) && isList(a[0]) && a[0].every((x) => contains(v, x));
const isNan: Test = (v) => typeof v === 'number' && Number.isNaN(v);

export const MORE_TESTS: [string, Test][] = [
  ['finished', asyncState('finished')],
  ['started', asyncState('started')],
  ['unreachable', unreachable],
  ['reachable', (v, a, k) => !unreachable(v, a, k)],
  ['is_abs', (v) => isAbsolute(path(v))],
  ['is_dir', (v) => existsSync(path(v)) && statSync(path(v)).isDirectory()],
  ['is_file', (v) => existsSync(path(v)) && statSync(path(v)).isFile()],
  ['is_link', (v) => { try { return lstatSync(path(v)).isSymbolicLink(); } catch { return false; } }],
  ['link_exists', (v) => { try { lstatSync(path(v)); return true; } catch { return false; } }],
  ['is_mount', (v) => isMount(path(v))],
  ['mount', (v) => isMount(path(v))],
  ['is_same_file', (v, a) => sameFile(path(v), path(a[0]))],
  ['same_file', (v, a) => sameFile(path(v), path(a[0]))],
  ['isnan', isNan],
  ['nan', isNan],
  ['issubset', subset],
  ['issuperset', superset],
  ['any', (v) => isList(v) && v.some((x) => truthy(x))],
  ['all', (v) => isList(v) && v.every((x) => truthy(x))],
  ['uri', (v, a, k) => isUri(v, a[0] ?? k.schemes)],
  ['url', (v, a, k) => isUri(v, a[0] ?? k.schemes) && (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]/.test(pyStr(v)) || schemeOf(pyStr(v)) === 'file')],
  ['urn', (v) => isUri(v, ['urn'])],
  ['vault_encrypted', (v) => typeof v === 'string' && v.startsWith('$ANSIBLE_VAULT;')],
  ['true', (v) => v === true],
  ['false', (v) => v === false],
  ['callable', (v) => v instanceof Callable],
  ['escaped', () => false],
];
