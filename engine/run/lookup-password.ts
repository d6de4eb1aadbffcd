// The password lookup, as Ansible's: `path [length=N] [chars=a,b] [seed=S]` reads the password kept in `path` (on the
// controller, relative to the playbook's directory), or makes a random one and keeps it there (mode 0600, its
// directory 0700); /dev/null keeps nothing. `encrypt=` (a hash of the password) is not offered: pipe the password
// through a filter instead. With seed=, the password is the same on every run, but not the one Ansible's Python
// generator gives.
import { createHash, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { splitWords } from '../playbook/free-form.js';
import { pyStr, type Dict } from '../template/values.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';

const VALID = new Set(['length', 'encrypt', 'chars', 'ident', 'seed']);
const ASCII_LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ASCII_UPPER = ASCII_LOWER.toUpperCase();
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Python's string module constants a chars= entry may name */
const CHAR_SETS: Readonly<Record<string, string>> = {
  ascii_letters: ASCII_LOWER + ASCII_UPPER,
  ascii_lowercase: ASCII_LOWER,
  ascii_uppercase: ASCII_UPPER,
  digits: DIGITS,
  hexdigits: `${DIGITS}abcdefABCDEF`,
  octdigits: '01234567',
  punctuation: PUNCTUATION,
  whitespace: ' \t\n\r\x0b\x0c',
  printable: `${DIGITS}${ASCII_LOWER}${ASCII_UPPER}${PUNCTUATION} \t\n\r\x0b\x0c`,
};
const DEFAULT_CHARS = ['ascii_letters', 'digits', '.,:-_'];

/** `path k=v ...` -> the path and the parameters (a path may hold blanks before the first k=v). */
function parseTerm(term: string, kwargs: Dict): { path: string; params: Dict } {
  const [first, rest] = [term.split(' ', 1)[0] ?? '', term.includes(' ') ? term.slice(term.indexOf(' ') + 1) : undefined];
  const params: Dict = {};
  let path = first;
  if (rest !== undefined) {
    const split = splitWords(rest);
    if ('error' in split) throw new LookupFailure(`password lookup: ${split.error}`);
    const raw: string[] = [];
    for (const w of split.words) {
      if (w.key !== undefined) params[w.key] = w.value;
      else if (Object.keys(params).length > 0) throw new LookupFailure('Unrecognized value after key=value parameters given to password lookup');
      else raw.push(w.raw);
    }
    if (raw.length > 0) path = [first, ...raw].join(' ');
  }
  const invalid = Object.keys(params).filter((k) => !VALID.has(k));
  if (invalid.length > 0) throw new LookupFailure(`Unrecognized parameter(s) given to password lookup: ${invalid.join(', ')}`);
  return { path, params: { ...kwargs, ...params } };
}

function candidateChars(chars: unknown): string {
  let specs: string[];
  if (typeof chars === 'string') {
    specs = chars.includes(',,') ? [','] : [];
    specs.push(...chars.replaceAll(',,', ',').split(',').filter((c) => c !== ''));
  } else specs = Array.isArray(chars) ? (chars as unknown[]).map(pyStr) : DEFAULT_CHARS;
  return specs.map((s) => CHAR_SETS[s] ?? s).join('').replace(/["']/g, '');
}

/** A deterministic generator for seed= (a SHA-256 counter stream). */
function seeded(seed: string): (n: number) => number {
  let counter = 0;
  return (n) => createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0) % n;
}

function randomPassword(length: number, chars: string, seed: unknown): string {
  if (chars === '') throw new LookupFailure('password lookup: no characters to choose from');
  const pick = seed === undefined || seed === null ? (n: number) => randomInt(n) : seeded(pyStr(seed));
  return Array.from({ length }, () => chars[pick(chars.length)]).join('');
}

function lengthOf(v: unknown): number {
  const n = v === undefined ? 20 : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65536) throw new LookupFailure(`password lookup: length must be a whole number up to 65536, got ${pyStr(v)}`);
  return n;
}

const password: LookupPlugin = (terms, kwargs, ctx) =>
  termList(terms).map((t) => {
    const { path: rel, params } = parseTerm(pyStr(t), kwargs);
    if (params.encrypt !== undefined && params.encrypt !== null) {
      throw new LookupFailure("password lookup: encrypt= is not supported by kplay; hash the password with a filter instead (e.g. | password_hash('sha512'))");
    }
    const path = rel.startsWith('~') ? join(homedir(), rel.slice(1)) : isAbsolute(rel) ? rel : resolve(ctx.place.playbookDir, rel);
    if (path !== '/dev/null' && existsSync(path)) {
      const content = readFileSync(path, 'utf8').trimEnd();
      const salt = content.lastIndexOf(' salt=');
      return salt >= 0 ? content.slice(0, salt) : content;
    }
    const made = randomPassword(lengthOf(params.length), candidateChars(params.chars), params.seed);
    if (path !== '/dev/null') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${made}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
    }
    return made;
  });

export const PASSWORD_LOOKUPS = { password } as const satisfies Record<string, LookupPlugin>;
