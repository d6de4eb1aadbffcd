// The one way input files (playbooks, vars, inventories, -e @files, templates) are read: regular files only, up to
// a size limit, every read failure an InputError naming the file (never a stack trace, never a hang on /dev/zero).
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from './errors.js';

export const MAX_INPUT_ENV = 'KPLAY_MAX_INPUT_BYTES';
// a 4 MiB playbook takes ~10 s and ~200 MB to load and check (the YAML parser keeps ~50 bytes per input byte)
const DEFAULT_MAX_INPUT = 4 * 1024 * 1024;

/** The largest input file kplay reads, in bytes: $KPLAY_MAX_INPUT_BYTES, else 4 MiB. */
export function maxInputBytes(): number {
  const v = Number(process.env[MAX_INPUT_ENV]);
  return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_INPUT;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  return `${n} bytes`;
}

const at = (path: string): { file: string; line: number; col: number } => ({ file: path, line: 1, col: 1 });

/** A failed stat/open/read of `path` as the input problem it is (permission, missing, not a directory, ...). */
export function fileReadError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory, a file is expected here',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
  };
  const reason = (code && why[code]) ?? (err instanceof Error ? err.message : String(err));
  const hint = code === 'EACCES' || code === 'EPERM' ? 'make the file readable by the user running kplay' : undefined;
  return new InputError(`cannot read ${path}: ${reason}`, { loc: at(path), hint });
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooBig(path: string, limit: number): InputError {
  return new InputError(`cannot read ${path}: it is larger than ${formatBytes(limit)}, the input size limit`, {
    loc: at(path),
    hint: `set ${MAX_INPUT_ENV} to a larger number of bytes to read it`,
  });
}

/** The bytes of a regular file of at most maxInputBytes(); anything else is an InputError located at the file. */
export function readInputBytes(path: string): Buffer {
  const limit = maxInputBytes();
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    throw fileReadError(path, err);
  }
  // checked before opening: opening a FIFO blocks until a writer comes, reading /dev/zero never ends
  if (!st.isFile()) throw new InputError(`cannot read ${path}: it is ${kindOf(st)}, a regular file is expected`, { loc: at(path) });
  if (st.size > limit) throw tooBig(path, limit);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw fileReadError(path, err);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputError(`cannot read ${path}: a regular file is expected`, { loc: at(path) });
    // read up to one byte past the limit: a file that grows (or a /proc file that reports size 0) stays bounded
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(limit + 1 - total, 1024 * 1024) || 1);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > limit) throw tooBig(path, limit);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fileReadError(path, err);
  } finally {
    closeSync(fd);
  }
}

/** Line and column (1-based, in UTF-16 units as editors count them) of a byte offset in valid UTF-8 `bytes`. */
function locOfByte(bytes: Buffer, offset: number): { line: number; col: number } {
  const before = bytes.subarray(0, offset).toString('utf8');
  const nl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, col: before.length - nl };
}

/** The offset of the first byte that is not valid UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const second = bytes[i + 1] ?? 0;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/**
 * UTF-8 bytes of a text input as a string: a leading byte-order mark is dropped (Ansible and editors accept one),
 * invalid UTF-8 and NUL bytes are located errors.
 */
export function decodeInputText(bytes: Buffer, path: string): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = start ? bytes.subarray(start) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    throw new InputError(`${path} is not valid UTF-8 text (byte 0x${(body[bad] ?? 0).toString(16).padStart(2, '0')})`, {
      loc: { file: path, ...locOfByte(body, bad) },
      hint: 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)',
    });
  }
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new InputError(`${path} contains a NUL byte: a text file is expected`, { loc: { file: path, ...locOfByte(body, nul) } });
  }
  return body.toString('utf8');
}

/** A text input file: readInputBytes, then decodeInputText. */
export function readInputText(path: string): string {
  return decodeInputText(readInputBytes(path), path);
}
