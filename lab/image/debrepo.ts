// The Debian hosts' package repository: real Debian packages (and every package they depend on) fetched once with
// apt-get download from the mirror this machine uses, indexed with dpkg-scanpackages, cached under
// /var/cache/kplay/debrepo/<hash of the list and the mirror>. Apt's state for this lives in the cache directory:
// the machine's own package lists are neither read nor changed.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../engine/core/errors.js';
import { run } from '../run.js';
import { debianMirrorLines, hostCodename, readAptSources } from './mirror.js';

export const DEBREPO_CACHE = '/var/cache/kplay/debrepo';
/** Where the repository appears inside a Debian lab host (apt's source: `deb [trusted=yes] file:/srv/kplay-debrepo ./`). */
export const DEBREPO_IN_HOST = '/srv/kplay-debrepo';

/**
 * The packages roles and tests install on Debian hosts: small ones, services with units, and tools with many
 * dependencies; python3-apt, which Ansible's apt module installs for itself; python3-selinux, which Ansible's selinux
 * module needs; python3-venv and python3-pip for pip; mariadb-server, and python3-pymysql, which Ansible's mysql
 * modules need; python3-cryptography, which community.crypto's modules need; auditd, python3-mysqldb, iptables-persistent, ntp (ntpsec), postfix,
 * fail2ban (with python3-systemd, which its sshd jail reads the journal with), rsyslog and logrotate, unattended-upgrades, libpam-passwdqc, haproxy, bind9 (with bind9utils, python3-netaddr and python3-dnspython), which public hardening, database, firewall, time, mail, logging, security, load balancer and DNS roles install. None is in the lab image, so installing one is a real dpkg transaction.
 */
export const DEBIAN_LAB_PACKAGES: readonly string[] = ['python3-apt', 'hello', 'tree', 'rsync', 'cron', 'chrony', 'redis-server', 'nginx', 'git', 'python3-selinux', 'python3-venv', 'python3-pip', 'unzip', 'firewalld', 'gnupg', 'apache2', 'mariadb-server', 'python3-pymysql', 'iptables', 'ufw', 'locales', 'python3-cryptography', 'auditd', 'python3-mysqldb', 'iptables-persistent', 'ntp', 'postfix', 'fail2ban', 'rsyslog', 'logrotate', 'python3-systemd', 'unattended-upgrades', 'libpam-passwdqc', 'haproxy', 'bind9', 'bind9utils', 'python3-netaddr', 'python3-dnspython'];

/** apt with its lists, cache and sources in `dir` only. */
function aptOptions(dir: string): string[] {
  return [
    '-o', `Dir::State::Lists=${join(dir, 'lists')}`,
    '-o', `Dir::Cache=${join(dir, 'cache')}`,
    '-o', `Dir::Etc::SourceList=${join(dir, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=-',
    '-o', 'Debug::NoLocking=1',
    '-o', 'APT::Get::List-Cleanup=0',
  ];
}

/** The repository directory (with Packages), built on first use. */
export async function ensureDebRepo(log: (line: string) => void): Promise<string> {
  const codename = hostCodename();
  const mirrors = debianMirrorLines(readAptSources(), codename);
  const hash = createHash('sha256').update(JSON.stringify({ codename, mirrors, packages: DEBIAN_LAB_PACKAGES, version: 1 })).digest('hex').slice(0, 16);
  const final = join(DEBREPO_CACHE, hash);
  if (existsSync(join(final, 'repo', 'Packages'))) return join(final, 'repo');
  mkdirSync(DEBREPO_CACHE, { recursive: true });
  const tmp = join(DEBREPO_CACHE, `.tmp-${hash}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const repo = join(tmp, 'repo');
  for (const d of ['lists/partial', 'cache/archives/partial', 'repo']) mkdirSync(join(tmp, d), { recursive: true });
  writeFileSync(join(tmp, 'sources.list'), `${mirrors.join('\n')}\n`);
  const started = Date.now();
  log(`fetching the Debian lab packages (${DEBIAN_LAB_PACKAGES.join(', ')}) and their dependencies (once)`);
  try {
    const apt = aptOptions(tmp);
    await run(['apt-get', ...apt, '-qq', 'update']);
    const deps = await run(['apt-cache', ...apt, 'depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', ...DEBIAN_LAB_PACKAGES]);
    // real package names only: virtual ones are written <like-this>
    const names = [...new Set(deps.stdout.split('\n').filter((l) => /^[a-z0-9][a-z0-9+.-]+$/.test(l)))].sort();
    await run(['apt-get', ...apt, '-qq', 'download', '--', ...names], { cwd: repo });
    const index = await run(['dpkg-scanpackages', '--multiversion', '.', '/dev/null'], { cwd: repo });
    writeFileSync(join(repo, 'Packages'), index.stdout);
    rmSync(join(tmp, 'lists'), { recursive: true, force: true });
    rmSync(join(tmp, 'cache'), { recursive: true, force: true });
    renameSync(tmp, final);
    pruneOtherRepos(hash);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(join(final, 'repo', 'Packages'))) return join(final, 'repo'); // another process won the race
    throw new LabError(`fetching the Debian lab packages failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const count = readdirSync(join(final, 'repo')).filter((f) => f.endsWith('.deb')).length;
  log(`Debian lab repository ${hash}: ${count} packages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return join(final, 'repo');
}

/** Drop repositories of older package lists or mirrors (a lab's copy is hard-linked: removing the cache is safe). */
function pruneOtherRepos(keep: string): void {
  for (const entry of readdirSync(DEBREPO_CACHE)) {
    if (/^[0-9a-f]{16}$/.test(entry) && entry !== keep) rmSync(join(DEBREPO_CACHE, entry), { recursive: true, force: true });
  }
}

/** The name apt gives the list of `deb file:/srv/kplay-debrepo ./` in /var/lib/apt/lists (it reads it uncompressed too). */
const APT_LIST_NAME = `${DEBREPO_IN_HOST.replaceAll('/', '_')}_._Packages`;

/**
 * Put the repository into a lab's layer (hard links where the cache and the layer share a file system), with apt's
 * list of it already in place, as on a host whose `apt-get update` has run: `apt install` works at once, and
 * update_cache finds the same list.
 */
export async function addDebRepo(repo: string, layer: string): Promise<void> {
  const target = join(layer, DEBREPO_IN_HOST);
  mkdirSync(join(layer, 'srv'), { recursive: true });
  const linked = await run(['cp', '-a', '--link', '--', repo, target], { allowFail: true });
  if (linked.code !== 0) {
    rmSync(target, { recursive: true, force: true });
    await run(['cp', '-a', '--', repo, target]);
  }
  const lists = join(layer, 'var/lib/apt/lists');
  mkdirSync(lists, { recursive: true });
  copyFileSync(join(repo, 'Packages'), join(lists, APT_LIST_NAME));
}
