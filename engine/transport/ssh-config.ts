// ~/.ssh/config (and /etc/ssh/ssh_config): Host blocks, first value wins, Include; what applies to one host.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { matchPatternList, wildcardMatch } from './known-hosts.js';
import { shellSplit, type SshOptions } from './ssh-args.js';

/** One keyword line, with the Host patterns in force where it appeared (undefined: before any Host, or Match). */
interface ConfigLine {
  readonly keyword: string;
  readonly args: readonly string[];
  /** Host patterns the line is under; 'never' for lines under a Match block (not supported: never applied) */
  readonly hosts: readonly string[] | 'never' | undefined;
}

export interface SshConfig {
  readonly lines: readonly ConfigLine[];
}

/** Keywords whose every value counts (OpenSSH accumulates them) instead of the first one winning. */
const CUMULATIVE = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward', 'sendenv']);

/**
 * Parse config text. `include(pattern)` returns the texts of the files an Include names (default: read from the
 * disk, relative to ~/.ssh), so tests can parse without files.
 */
export function parseSshConfig(text: string, include: (pattern: string) => readonly string[] = () => [], depth = 0): SshConfig {
  const lines: ConfigLine[] = [];
  let hosts: ConfigLine['hosts'];
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const m = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(t);
    if (!m) continue;
    const keyword = (m[1] ?? '').toLowerCase();
    let args: string[];
    try {
      args = shellSplit((m[2] ?? '').replace(/\s#.*$/, ''));
    } catch {
      continue;
    }
    if (keyword === 'host') {
      hosts = args;
      continue;
    }
    if (keyword === 'match') {
      hosts = args.length === 1 && args[0]?.toLowerCase() === 'all' ? undefined : 'never';
      continue;
    }
    if (keyword === 'include') {
      if (depth > 8) continue;
      for (const pattern of args) {
        for (const sub of include(pattern)) {
          // lines of an included file stay under the Host block that included them
          for (const l of parseSshConfig(sub, include, depth + 1).lines) {
            lines.push({ ...l, hosts: l.hosts === undefined ? hosts : l.hosts === 'never' || hosts === 'never' ? 'never' : l.hosts });
          }
        }
      }
      continue;
    }
    lines.push({ keyword, args, hosts });
  }
  return { lines };
}

/** Read a config file from disk with its Includes (relative paths are under `sshDir`). Missing file: empty. */
export function readSshConfig(file: string, sshDir: string): SshConfig {
  const readText = (path: string): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const include = (pattern: string): string[] => {
    const path = isAbsolute(pattern) ? pattern : join(sshDir, pattern);
    const dir = dirname(path);
    const namePattern = basename(path);
    if (!/[*?]/.test(namePattern)) {
      const t = readText(path);
      return t === undefined ? [] : [t];
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return [];
    }
    return names.filter((n) => wildcardMatch(namePattern, n)).flatMap((n) => readText(join(dir, n)) ?? []);
  };
  return parseSshConfig(readText(file) ?? '', include);
}

/**
 * What the configs say for `host` (the name given to ssh), in order of files: the first value of each keyword
 * wins, cumulative keywords collect every value. Host patterns support `*`, `?` and `!negation`.
 */
export function resolveSshConfig(configs: readonly SshConfig[], host: string): SshOptions {
  const out = new Map<string, string[]>();
  for (const config of configs) {
    for (const line of config.lines) {
      if (line.hosts === 'never') continue;
      if (line.hosts !== undefined && !matchPatternList(line.hosts, host)) continue;
      const value = line.args.join(' ');
      const prev = out.get(line.keyword);
      if (prev === undefined) out.set(line.keyword, [value]);
      else if (CUMULATIVE.has(line.keyword)) prev.push(value);
    }
  }
  return out;
}
