// The apt-get command lines of the apt module, with Ansible's options: dpkg options, -t release, --allow-* switches,
// --auto-remove, --no-remove, --only-upgrade, and policy-rc.d written around the transaction (policy_rc_d).
import { quote, shellJoin } from '../../engine/core/quote.js';

/** The apt options that shape a transaction (the apt module's, or the package module's passed on). */
export interface AptGetOptions {
  readonly defaultRelease?: string | undefined;
  readonly installRecommends?: boolean | undefined;
  readonly dpkgOptions: string;
  readonly force: boolean;
  readonly allowUnauthenticated: boolean;
  readonly allowDowngrade: boolean;
  readonly allowChangeHeldPackages: boolean;
  readonly autoremove: boolean;
  readonly failOnAutoremove: boolean;
  readonly onlyUpgrade: boolean;
  readonly lockTimeout?: number | undefined;
  readonly policyRcD?: number | undefined;
}

export const DEFAULT_DPKG_OPTIONS = 'force-confdef,force-confold';

export const DEFAULT_APT_GET_OPTIONS: AptGetOptions = {
  dpkgOptions: DEFAULT_DPKG_OPTIONS,
  force: false,
  allowUnauthenticated: false,
  allowDowngrade: false,
  allowChangeHeldPackages: false,
  autoremove: false,
  failOnAutoremove: false,
  onlyUpgrade: false,
};

/** `apt-get -y -q` with the dpkg options (each `-o Dpkg::Options::=--X`) and the lock wait. */
function aptGetBase(o: AptGetOptions): string {
  const dpkg = o.dpkgOptions
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => `-o ${quote(`Dpkg::Options::=--${d}`)}`);
  const lock = o.lockTimeout === undefined ? [] : [`-o DPkg::Lock::Timeout=${Math.max(0, Math.trunc(o.lockTimeout))}`];
  return ['DEBIAN_FRONTEND=noninteractive apt-get -y -q', ...dpkg, ...lock].join(' ');
}

/** The switches Ansible adds, in its order; -t as one word, so a release name is never read as another option. */
function switches(o: AptGetOptions, verb: 'install' | 'remove' | 'upgrade'): string[] {
  const out: string[] = [];
  if (verb === 'install' && o.onlyUpgrade) out.push('--only-upgrade');
  if (o.force) out.push('--force-yes');
  if (o.autoremove && verb !== 'upgrade') out.push('--auto-remove');
  if (o.failOnAutoremove && verb !== 'remove') out.push('--no-remove');
  if (verb !== 'remove' && o.defaultRelease !== undefined && o.defaultRelease !== '') out.push(quote(`--target-release=${o.defaultRelease}`));
  if (verb === 'install' && o.installRecommends !== undefined) out.push(o.installRecommends ? '--install-recommends' : '--no-install-recommends');
  if (verb !== 'remove' && o.allowUnauthenticated) out.push('--allow-unauthenticated');
  if (verb !== 'remove' && o.allowDowngrade) out.push('--allow-downgrades');
  if (verb === 'install' && o.allowChangeHeldPackages) out.push('--allow-change-held-packages');
  return out;
}

/**
 * With policy_rc_d, /usr/sbin/policy-rc.d exits with that code during the command (so dpkg starts no service, for
 * 101), and the one there before comes back afterwards, as Ansible's PolicyRcD does.
 */
function withPolicyRcD(cmd: string, code: number | undefined): string {
  if (code === undefined) return cmd;
  const p = '/usr/sbin/policy-rc.d';
  return [
    `b=; if [ -e ${p} ]; then b=$(mktemp -d) && mv -f -- ${p} "$b/" || exit 1; fi`,
    `printf '#!/bin/sh\\nexit %d\\n' ${Math.trunc(code)} > ${p} && chmod 0755 ${p} || exit 1`,
    `${cmd}; rc=$?`,
    `if [ -n "$b" ]; then mv -f -- "$b/policy-rc.d" ${p}; rmdir -- "$b"; else rm -f -- ${p}; fi`,
    'exit $rc',
  ].join('\n');
}

export function aptInstallCommand(o: AptGetOptions, specs: readonly string[]): string {
  return withPolicyRcD(`${aptGetBase(o)} ${[...switches(o, 'install'), 'install', '--', shellJoin(specs)].join(' ')}`, o.policyRcD);
}

export function aptRemoveCommand(o: AptGetOptions, names: readonly string[], purge: boolean): string {
  return withPolicyRcD(`${aptGetBase(o)} ${[...switches(o, 'remove'), 'remove', ...(purge ? ['--purge'] : []), '--', shellJoin(names)].join(' ')}`, o.policyRcD);
}

/** upgrade: yes/safe -> upgrade --with-new-pkgs, full/dist -> dist-upgrade (kplay always uses apt-get, as Ansible does without aptitude). */
export function aptUpgradeCommand(o: AptGetOptions, mode: 'yes' | 'safe' | 'full' | 'dist', simulate = false): string {
  const verb = mode === 'full' || mode === 'dist' ? ['dist-upgrade'] : ['upgrade', '--with-new-pkgs'];
  const auto = o.autoremove ? ['--auto-remove'] : [];
  const cmd = `${aptGetBase(o)} ${[...switches(o, 'upgrade'), ...(simulate ? ['--simulate'] : []), ...verb, ...auto].join(' ')}`;
  return simulate ? cmd : withPolicyRcD(cmd, o.policyRcD);
}

/** autoremove / autoclean / clean on their own. */
export function aptCleanupCommand(o: AptGetOptions, operation: 'autoremove' | 'autoclean' | 'clean', purge: boolean, simulate = false): string {
  const extra = operation === 'autoremove' ? [...(o.force ? ['--force-yes'] : []), ...(purge ? ['--purge'] : []), ...(simulate ? ['--simulate'] : [])] : [];
  return `${aptGetBase(o)} ${[...extra, operation].join(' ')}`;
}
