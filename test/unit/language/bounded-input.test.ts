// Hostile input gets bounded work and a located input error: file types and sizes, text encoding, YAML depth and
// alias expansion, host ranges, code frames of huge lines (issue 12, items 3, 4 and 7).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { InputError, InputErrors } from '../../../engine/core/errors.js';
import { decodeInputText, fileReadError, firstInvalidUtf8, readInputBytes, readInputText } from '../../../engine/core/input-file.js';
import { expandHostnameRange } from '../../../engine/inventory/address.js';
import { FRAME_WIDTH, formatProblem } from '../../../engine/validate/format.js';
import { parseExtraVar } from '../../../engine/vars/index.js';
import { parseYaml } from '../../../engine/yaml/load.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-bounded-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** The one input problem `fn` throws (an InputError or InputErrors of one). */
function problemOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputErrors && err.problems[0]) return err.problems[0];
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('no error thrown');
}

afterEach(() => {
  delete process.env.KPLAY_MAX_INPUT_BYTES;
  delete process.env.KPLAY_MAX_RANGE_HOSTS;
});

describe('input files: regular files only, bounded in size, read failures located', () => {
  test('a device, a directory and a path through a file are refused, each located at the path', () => {
    expect(problemOf(() => readInputBytes('/dev/zero')).describe()).toMatch(/^\/dev\/zero:1:1: cannot read \/dev\/zero: it is a character device, a regular file is expected/);
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    expect(problemOf(() => readInputBytes(sub)).message).toMatch(/it is a directory, a regular file is expected/);
    const plain = file('plain.yml', 'a: 1\n');
    expect(problemOf(() => readInputBytes(join(plain, 'x.yml'))).message).toMatch(/a part of the path is not a directory/);
    expect(problemOf(() => readInputBytes(join(dir, 'missing.yml'))).message).toMatch(/no such file/);
  });

  test('EACCES and EPERM are permission problems with a hint (mapped directly: tests may run as root)', () => {
    const err = fileReadError('/x/pb.yml', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.describe()).toBe('/x/pb.yml:1:1: cannot read /x/pb.yml: permission denied\n  hint: make the file readable by the user running kplay');
    const locked = file('locked.yml', 'a: 1\n');
    chmodSync(locked, 0);
    try {
      // as root the file is still readable; as anyone else it is the permission problem above
      const r = (() => {
        try {
          return readInputText(locked);
        } catch (e) {
          return e;
        }
      })();
      if (r instanceof InputError) expect(r.message).toMatch(/permission denied/);
      else expect(r).toBe('a: 1\n');
    } finally {
      chmodSync(locked, 0o644);
    }
  });

  test('a file above KPLAY_MAX_INPUT_BYTES is refused, naming the limit and how to raise it', () => {
    process.env.KPLAY_MAX_INPUT_BYTES = '100';
    const big = file('big.yml', `x: ${'a'.repeat(200)}\n`);
    const p = problemOf(() => readInputText(big));
    expect(p.message).toMatch(/larger than 100 bytes, the input size limit/);
    expect(p.hint).toMatch(/KPLAY_MAX_INPUT_BYTES/);
    process.env.KPLAY_MAX_INPUT_BYTES = '1000';
    expect(readInputText(big)).toMatch(/^x: a+\n$/);
  });

  test('-e @/dev/zero and -e @directory are located input errors naming the argument', () => {
    expect(problemOf(() => parseExtraVar('@/dev/zero')).message).toMatch(/^-e @\/dev\/zero: cannot read \/dev\/zero: it is a character device/);
    expect(problemOf(() => parseExtraVar(`@${dir}`)).message).toMatch(/it is a directory/);
  });
});

describe('text encoding: BOM accepted, invalid UTF-8 and NUL located', () => {
  test('a UTF-8 BOM before `- hosts:` is dropped (playbooks, inventories, vars files)', () => {
    const text = decodeInputText(Buffer.from('\ufeff- hosts: all\n  tasks: []\n'), 'pb.yml');
    expect(parseYaml(text, 'pb.yml').value).toEqual([{ hosts: 'all', tasks: [] }]);
  });

  test.each([
    ['a Latin-1 byte', Buffer.from('a: 1\nb: caf\xe9\n', 'latin1'), 2, 7],
    ['a lone continuation byte', Buffer.from([0x61, 0x0a, 0x80]), 2, 1],
    ['an overlong encoding', Buffer.from([0x61, 0x20, 0xc0, 0xaf]), 1, 3],
    ['an encoded surrogate', Buffer.from([0x62, 0xed, 0xa0, 0x80]), 1, 2],
    ['a truncated character at the end', Buffer.from([0xc3, 0xa9, 0xe2, 0x82]), 1, 2],
  ])('%s is a located error', (_name, bytes, line, col) => {
    const p = problemOf(() => decodeInputText(bytes, 'f.yml'));
    expect(p.message).toMatch(/is not valid UTF-8 text/);
    expect(p.loc).toEqual({ file: 'f.yml', line, col });
  });

  test('valid UTF-8 of every length passes', () => {
    expect(firstInvalidUtf8(Buffer.from('aé€😀\n'))).toBe(-1);
  });

  test('a NUL byte is located', () => {
    const p = problemOf(() => decodeInputText(Buffer.from('- hosts: all\n  tasks:\n    - debug: msg=h\0i\n'), 'pb.yml'));
    expect(p.describe()).toMatch(/^pb\.yml:3:19: pb\.yml contains a NUL byte/);
  });
});

describe('YAML: depth and alias expansion are bounded', () => {
  const nest = (n: number): string => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;

  test('128 levels load; 129 are a located error naming the limit', () => {
    expect(() => parseYaml(nest(127), 'd.yml')).not.toThrow();
    const p = problemOf(() => parseYaml(nest(129), 'd.yml'));
    expect(p.message).toMatch(/nested deeper than 128 levels/);
    expect(p.loc?.line).toBe(1);
  });

  test.each([
    ['flow sequences', nest(5000)],
    ['flow mappings', `x: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`],
    ['block mappings', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
    ['block sequences', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i)}-`).join('\n')],
  ])('3000+ levels of %s: a located error, not a stack overflow', (_name, text) => {
    const p = problemOf(() => parseYaml(text, 'deep.yml'));
    expect(p.message).toMatch(/nested deeper than 128 levels/);
    expect(p.loc?.file).toBe('deep.yml');
  });

  test('a chain of aliases nesting deeper than the limit is located at the alias', () => {
    const lines = ['a0: &a0 [x]', ...Array.from({ length: 200 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`)];
    const p = problemOf(() => parseYaml(lines.join('\n'), 'chain.yml'));
    expect(p.message).toMatch(/nested deeper than 128 levels/);
    expect(p.loc?.line).toBeGreaterThan(100);
  });

  test('a billion laughs is refused where it passes the input size limit, however small the file', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
    const p = problemOf(() => parseYaml(lines.join('\n'), 'bomb.yml'));
    expect(p.message).toMatch(/expands through its aliases .* to more than 4 MiB, the input size limit/);
    expect(p.hint).toMatch(/KPLAY_MAX_INPUT_BYTES/);
    expect(p.loc?.line).toBeGreaterThan(5);
  });

  test('ordinary aliases and merge keys still load', () => {
    const v = parseYaml('d: &d {a: 1, b: [1, 2]}\ne: *d\nf:\n  <<: *d\n  a: 2\n', 'ok.yml').value as Record<string, Record<string, unknown>>;
    expect(v.e).toEqual({ a: 1, b: [1, 2] });
    expect(v.f).toEqual({ a: 2, b: [1, 2] });
  });

  test('an alias inside the collection it names is refused (the data would contain itself)', () => {
    expect(problemOf(() => parseYaml('a: &a [1, *a]\n', 'cycle.yml')).message).toMatch(/inside the collection it names/);
  });
});

describe('host ranges: counted before expanding, at most KPLAY_MAX_RANGE_HOSTS per name', () => {
  test('several ranges in one name expand as a cross product, in ansible-inventory order', () => {
    expect(expandHostnameRange('web[1:3]-[a:b]')).toEqual(['web1-a', 'web1-b', 'web2-a', 'web2-b', 'web3-a', 'web3-b']);
    expect(expandHostnameRange('db[01:03:2]x[1:2]')).toEqual(['db01x1', 'db01x2', 'db03x1', 'db03x2']);
  });

  test.each(['web[0:9999999]', 'web[0:99999][0:99999]', 'x[0:999]y[0:999]z[0:999]'])('%s is refused without being expanded', (name) => {
    expect(() => expandHostnameRange(name)).toThrow(/expands to more than 100,000 hosts, the limit for one name \(set KPLAY_MAX_RANGE_HOSTS to raise it\)/);
  });

  test('the limit is the environment variable when set', () => {
    process.env.KPLAY_MAX_RANGE_HOSTS = '5';
    expect(() => expandHostnameRange('h[1:6]')).toThrow(/more than 5 hosts/);
    expect(expandHostnameRange('h[1:5]')).toHaveLength(5);
  });
});

describe('code frames of huge lines', () => {
  test('a 20 MB line is shown as a window around the column, the caret under it', () => {
    const line = `${'a'.repeat(10_000_000)}X${'b'.repeat(10_000_000)}`;
    const err = new InputError('bad', { loc: { file: 'f.yml', line: 2, col: 10_000_001 } });
    const out = formatProblem(err, `first\n${line}\nlast\n`);
    expect(out.length).toBeLessThan(3 * FRAME_WIDTH);
    const [, shown, caret] = out.split('\n');
    expect(shown).toMatch(/^ {2}2 \| …a+Xb+…$/);
    expect(shown?.indexOf('X')).toBe(caret?.indexOf('^'));
  });

  test('a short line is shown whole', () => {
    const err = new InputError('bad', { loc: { file: 'f.yml', line: 1, col: 3 } });
    expect(formatProblem(err, 'abcd\n')).toBe('f.yml:1:3: bad\n  1 | abcd\n    |   ^');
  });

  test('a message quoting a huge value is cut', () => {
    expect(formatProblem(new InputError(`x${'y'.repeat(5_000_000)}`), undefined).length).toBeLessThan(2200);
  });
});
