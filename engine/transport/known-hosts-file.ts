// Reading known_hosts files and appending a new key (accept-new), one writer per file at a time.
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { entriesFor, keyTypeOf, knownHostName, parseKnownHosts, type KnownHostEntry } from './known-hosts.js';

/**
 * The known_hosts files of one run's connections, each read and parsed once while unchanged: every connection reads
 * the same files, and parsing them per connection costs hosts x entries. Connections that start together, before any
 * read finished, share the read in flight (500 hosts each keeping its own copy was ~140 MB of heap). Held by the
 * run's connection pool (TransportCaches): nothing outlives the run.
 */
export class KnownHostsFiles {
  // a file's identity, size and mtime say whether it changed
  private readonly parsed = new Map<string, { readonly stamp: string; readonly entries: readonly KnownHostEntry[] }>();
  private readonly inFlight = new Map<string, Promise<readonly KnownHostEntry[]>>();

  /** Every entry of the files that exist; a missing or unreadable file is simply empty, as for OpenSSH. */
  read(files: readonly string[]): Promise<readonly KnownHostEntry[]> {
    const key = files.join('\0');
    const reading = this.inFlight.get(key);
    if (reading !== undefined) return reading;
    const read = this.readAll(files);
    this.inFlight.set(key, read);
    const forget = (): void => {
      if (this.inFlight.get(key) === read) this.inFlight.delete(key);
    };
    read.then(forget, forget);
    return read;
  }

  private async readAll(files: readonly string[]): Promise<readonly KnownHostEntry[]> {
    const all: KnownHostEntry[] = [];
    for (const file of files) all.push(...((await this.readParsed(file)) ?? []));
    return all;
  }

  private async readParsed(file: string): Promise<readonly KnownHostEntry[] | undefined> {
    let stamp: string;
    try {
      const st = await stat(file);
      stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
    const cached = this.parsed.get(file);
    if (cached?.stamp === stamp) return cached.entries;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const entries = parseKnownHosts(text, file);
    this.parsed.set(file, { stamp, entries });
    return entries;
  }
}

/** Every entry of the files that exist, read afresh (no run's cache). */
export function readKnownHosts(files: readonly string[]): Promise<readonly KnownHostEntry[]> {
  return new KnownHostsFiles().read(files);
}

// Appends are serialised per file for the whole process (a lock, not a cache): two runs in one process appending
// to one known_hosts must not interleave.
const writers = new Map<string, Promise<unknown>>();

/**
 * Append `name keytype key` to `file` unless an entry for this host already holds that key. Writes to one file
 * are serialised in this process; each is a single O_APPEND write of one line, so concurrent kplay processes
 * cannot interleave within a line either.
 */
export async function appendKnownHost(file: string, host: string, port: number, keyBlob: Buffer): Promise<void> {
  const previous = writers.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => {
    const b64 = keyBlob.toString('base64');
    const current = await readKnownHosts([file]);
    if (entriesFor(current, host, port).some((e) => e.key === b64 && e.marker === undefined)) return;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    let prefix = '';
    try {
      const text = await readFile(file, 'utf8');
      if (text !== '' && !text.endsWith('\n')) prefix = '\n';
    } catch {
      // no file yet: appendFile creates it
    }
    // the file's new size and mtime tell every run's cache to read it again
    await appendFile(file, `${prefix}${knownHostName(host, port)} ${keyTypeOf(keyBlob)} ${b64}\n`, { mode: 0o600 });
  });
  writers.set(file, next);
  try {
    await next;
  } finally {
    if (writers.get(file) === next) writers.delete(file);
  }
}
