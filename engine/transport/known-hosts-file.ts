// Reading known_hosts files and appending a new key (accept-new), one writer per file at a time.
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { entriesFor, keyTypeOf, knownHostName, parseKnownHosts, type KnownHostEntry } from './known-hosts.js';
import { transportCaches } from './transport-caches.js';

// Parsed files by path (the run's TransportCaches), reused while the file is unchanged: every connection reads the
// same known_hosts, and parsing it per connection costs hosts x entries. A file's identity and size and mtime say
// whether it changed.
async function readParsed(file: string): Promise<readonly KnownHostEntry[] | undefined> {
  const parsed = transportCaches().knownHosts;
  let stamp: string;
  try {
    const st = await stat(file);
    stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  const cached = parsed.get(file);
  if (cached?.stamp === stamp) return cached.entries;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const entries = parseKnownHosts(text, file);
  parsed.set(file, { stamp, entries });
  return entries;
}

async function readAll(files: readonly string[]): Promise<readonly KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) all.push(...((await readParsed(file)) ?? []));
  return all;
}

// Reads in flight, by file list: the connections of a run start together, before any read finished, and each
// would otherwise parse the files itself and keep its own copy for its lifetime (500 hosts: 500 x 500 entries,
// ~140 MB of heap). They share the read in flight; a later connection reads again (parsed files are reused while
// unchanged, above).

/** Every entry of the files that exist; a missing or unreadable file is simply empty, as for OpenSSH. */
export function readKnownHosts(files: readonly string[]): Promise<readonly KnownHostEntry[]> {
  const inFlight = transportCaches().knownHostsInFlight;
  const key = files.join('\0');
  const reading = inFlight.get(key);
  if (reading !== undefined) return reading;
  const read = readAll(files);
  inFlight.set(key, read);
  const forget = (): void => {
    if (inFlight.get(key) === read) inFlight.delete(key);
  };
  read.then(forget, forget);
  return read;
}

// Writers stay process-wide, not per run: two runs appending to one file must still take turns.
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
    const current = await readAll([file]);
    if (entriesFor(current, host, port).some((e) => e.key === b64 && e.marker === undefined)) return;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    let prefix = '';
    try {
      const text = await readFile(file, 'utf8');
      if (text !== '' && !text.endsWith('\n')) prefix = '\n';
    } catch {
      // no file yet: appendFile creates it
    }
    await appendFile(file, `${prefix}${knownHostName(host, port)} ${keyTypeOf(keyBlob)} ${b64}\n`, { mode: 0o600 });
    transportCaches().knownHosts.delete(file);
  });
  writers.set(file, next);
  try {
    await next;
  } finally {
    if (writers.get(file) === next) writers.delete(file);
  }
}
