// apt: packages on Debian hosts; one dpkg-query for all names, one apt-get transaction for all changes.
import { Type, type Static } from '@sinclair/typebox';
import { debProbe, planDeb } from './support/apt-deb.js';
import { aptCleanupCommand, aptInstallCommand, aptRemoveCommand, aptUpgradeCommand, DEFAULT_APT_GET_OPTIONS, DEFAULT_DPKG_OPTIONS, type AptGetOptions } from './support/apt-get-command.js';
import type { Finish, Observed, Plan, PlanContext, Step, StepOutput } from './contract.js';
import { defineModule } from './contract.js';
import { CACHE_AGE_PROBE, cacheAge, dpkgQueryCommand, parseAptGetOutput, parseDpkgQuery, parsePolicy, parseSpec, policyCommand } from './common/apt-query.js';
import { aliasOf, choice, operand } from './common/schema.js';

const APT_STATES = ['present', 'absent', 'latest'] as const;
export type AptState = (typeof APT_STATES)[number];

const params = Type.Object({
  name: Type.Optional(Type.Array(operand('A package name.'), { description: 'Packages (name or name=version); a list or a comma-separated string.' })),
  package: aliasOf('name', Type.Optional(Type.Array(operand('A package name.'), { description: 'Alias of name.' }))),
  pkg: aliasOf('name', Type.Optional(Type.Array(operand('A package name.'), { description: 'Alias of name.' }))),
  state: choice(APT_STATES, {
    description: 'present: install what is missing; latest: also upgrade installed ones; absent: remove. (Ansible\'s build-dep and fixed are not implemented.)',
    default: 'present',
    ansibleChoices: ['absent', 'build-dep', 'fixed', 'latest', 'present'],
  }),
  update_cache: Type.Boolean({ description: 'Run apt-get update first (when cache_valid_time allows it).', default: false }),
  cache_valid_time: Type.Integer({ description: 'Update the cache only when it is older than this many seconds (0: whenever update_cache is set). Implies update_cache.', default: 0, minimum: 0 }),
  purge: Type.Boolean({ description: 'With state absent, also remove configuration files (also of packages already removed).', default: false }),
  install_recommends: Type.Optional(Type.Boolean({ description: "Install recommended packages too (apt's own setting when unset)." })),
  'install-recommends': aliasOf('install_recommends', Type.Optional(Type.Boolean({ description: 'Alias of install_recommends.' }))),
  'update-cache': aliasOf('update_cache', Type.Optional(Type.Boolean({ description: 'Alias of update_cache.' }))),
  default_release: Type.Optional(Type.String({ description: 'Install from this release (apt-get -t): a suite or codename such as bookworm-backports.' })),
  'default-release': aliasOf('default_release', Type.Optional(Type.String({ description: 'Alias of default_release.' }))),
  upgrade: choice(['no', 'yes', 'safe', 'full', 'dist'], { description: 'Upgrade the host: yes/safe with apt-get upgrade --with-new-pkgs, full/dist with apt-get dist-upgrade (name is then not used).', default: 'no' }),
  autoremove: Type.Boolean({ description: 'Remove the dependencies no longer needed (--auto-remove; alone: apt-get autoremove).', default: false }),
  autoclean: Type.Boolean({ description: 'Alone: apt-get autoclean (drop package files that can no longer be downloaded).', default: false }),
  clean: Type.Boolean({ description: 'apt-get clean first (empties the package file cache); alone it is always a change, as in Ansible.', default: false }),
  fail_on_autoremove: Type.Boolean({ description: 'Fail rather than remove packages (--no-remove).', default: false }),
  only_upgrade: Type.Boolean({ description: 'Only upgrade the packages already installed (--only-upgrade).', default: false }),
  force: Type.Boolean({ description: '--force-yes: also what allow_unauthenticated and allow_downgrade allow (dangerous).', default: false }),
  allow_unauthenticated: Type.Boolean({ description: 'Install packages that cannot be authenticated (--allow-unauthenticated).', default: false }),
  'allow-unauthenticated': aliasOf('allow_unauthenticated', Type.Optional(Type.Boolean({ description: 'Alias of allow_unauthenticated.' }))),
  allow_downgrade: Type.Boolean({ description: 'Allow a pinned version lower than the installed one (--allow-downgrades).', default: false }),
  'allow-downgrade': aliasOf('allow_downgrade', Type.Optional(Type.Boolean({ description: 'Alias of allow_downgrade.' }))),
  allow_downgrades: aliasOf('allow_downgrade', Type.Optional(Type.Boolean({ description: 'Alias of allow_downgrade.' }))),
  'allow-downgrades': aliasOf('allow_downgrade', Type.Optional(Type.Boolean({ description: 'Alias of allow_downgrade.' }))),
  allow_change_held_packages: Type.Boolean({ description: 'Allow changing held packages (--allow-change-held-packages).', default: false }),
  dpkg_options: Type.String({ description: 'dpkg options, comma-separated, each passed as -o Dpkg::Options::=--OPTION.', default: DEFAULT_DPKG_OPTIONS }),
  policy_rc_d: Type.Optional(Type.Integer({ description: 'During the transaction /usr/sbin/policy-rc.d exits with this code (101: dpkg starts no service); the one before comes back after.' })),
  lock_timeout: Type.Optional(Type.Integer({ description: 'Seconds to wait for the dpkg lock (DPkg::Lock::Timeout).' })),
  deb: Type.Optional(Type.String({ description: 'A .deb file on the host to install (with its dependencies), unless its package is installed at that version.' })),
  force_apt_get: Type.Boolean({ description: 'Use apt-get, not aptitude: kplay always does.', default: false }),
});

/** The parameters the apt planner needs; the package module builds the same from its own. */
export interface AptRequest {
  readonly names: readonly string[];
  /** name (package, pkg) was given, if only as an empty list: Ansible then has nothing to do, not a missing option */
  readonly nameGiven: boolean;
  readonly state: AptState;
  readonly updateCache: boolean;
  readonly cacheValidTime: number;
  readonly purge: boolean;
  readonly upgrade?: 'no' | 'yes' | 'safe' | 'full' | 'dist' | undefined;
  readonly autoclean?: boolean | undefined;
  readonly clean?: boolean | undefined;
  readonly deb?: string | undefined;
  readonly options: AptGetOptions;
}

const UPDATE_DESCRIBE = 'apt-get update';
const TX_DESCRIBE = 'apt-get transaction';
const CLEAN_DESCRIBE = 'apt-get clean';
const AUTOCLEAN_DESCRIBE = 'apt-get autoclean';

function aptNames(list: readonly string[]): string[] {
  return list.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '');
}

/** What runs instead of a package install: an upgrade of the host, or autoclean / autoremove alone (Ansible's order). */
type HostWide = { kind: 'upgrade'; mode: 'yes' | 'safe' | 'full' | 'dist' } | { kind: 'autoclean' | 'autoremove' };

function hostWide(req: AptRequest): HostWide | undefined {
  if (req.upgrade !== undefined && req.upgrade !== 'no') return { kind: 'upgrade', mode: req.upgrade };
  if (req.state === 'latest' && req.names.length === 1 && req.names[0] === '*') return { kind: 'upgrade', mode: 'yes' };
  if (req.names.length > 0) return undefined;
  if (req.autoclean === true) return { kind: 'autoclean' };
  return req.options.autoremove ? { kind: 'autoremove' } : undefined;
}

function hostWideCommand(req: AptRequest, w: HostWide, simulate: boolean): string {
  return w.kind === 'upgrade' ? aptUpgradeCommand(req.options, w.mode, simulate) : aptCleanupCommand(req.options, w.kind, req.purge, simulate);
}

/** Whether apt-get's (simulated) output shows something to do, read as Ansible reads it. */
function hostWideChanges(w: HostWide, stdout: string): boolean {
  if (w.kind === 'upgrade') return !`\n${stdout}`.includes('\n0 upgraded, 0 newly installed');
  return stdout.includes(w.kind === 'autoclean' ? 'Del ' : 'The following packages will be REMOVED');
}

export function aptProbes(req: AptRequest): Record<string, string> {
  if (req.deb !== undefined && !/^[a-z]+:\/\//.test(req.deb)) return { deb: debProbe(req.deb) };
  const wide = hostWide(req);
  if (wide !== undefined) return { simulate: hostWideCommand(req, wide, true), ...(req.updateCache || req.cacheValidTime > 0 ? { cache: CACHE_AGE_PROBE } : {}) };
  const names = req.names.map((n) => parseSpec(n).name);
  const probes: Record<string, string> = {};
  if (names.length > 0) probes.dpkg = dpkgQueryCommand(names);
  if (req.state === 'latest' && names.length > 0) probes.policy = policyCommand(names);
  if (req.updateCache || req.cacheValidTime > 0) probes.cache = CACHE_AGE_PROBE;
  return probes;
}

export function planApt(req: AptRequest, observed: Observed, _ctx: PlanContext): Plan {
  if (observed.dpkg?.code === 127) return { kind: 'fail', msg: 'dpkg-query not found: the apt module needs a Debian or Ubuntu host' };
  const age = cacheAge(observed.cache);
  const wantsUpdate = req.updateCache || req.cacheValidTime > 0;
  const stale = wantsUpdate && (age === undefined || req.cacheValidTime === 0 || age > req.cacheValidTime);
  const update: Step = { cmd: `DEBIAN_FRONTEND=noninteractive apt-get -q update`, describe: UPDATE_DESCRIBE };
  const clean: Step[] = req.clean === true ? [{ cmd: aptCleanupCommand(req.options, 'clean', false), describe: CLEAN_DESCRIBE }] : [];
  if (req.deb !== undefined) {
    if (req.state !== 'present') return { kind: 'fail', msg: 'deb only supports state=present' };
    return planDeb(req.deb, req.options, observed, TX_DESCRIBE);
  }
  const wide = hostWide(req);
  if (wide !== undefined) return planHostWide(req, wide, observed, stale ? [...clean, update] : clean);
  if (req.names.length === 0 && clean.length > 0 && !stale) return { kind: 'change', summary: 'apt-get clean', steps: clean };
  if (req.names.length === 0) {
    if (!wantsUpdate && !req.nameGiven) return { kind: 'fail', msg: 'one of the following is required: autoremove, deb, package, update_cache, upgrade' };
    // Ansible's early exit when there is no package to act on: ok, the cache not updated
    if (!wantsUpdate) return { kind: 'ok', reason: 'no package given', data: { cache_updated: false } };
    if (!stale) return { kind: 'ok', reason: `the package cache is ${age ?? '?'}s old, valid for ${req.cacheValidTime}s` };
    return { kind: 'change', summary: 'update the package cache', steps: [...clean, update], data: { cache_updated: true } };
  }
  const specs = req.names.map(parseSpec);
  const dpkg = parseDpkgQuery(observed.dpkg);

  if (req.state === 'absent') {
    const remove = specs.filter((s) => {
      const st = dpkg.get(s.name);
      return st !== undefined && (st.installed || (req.purge && st.configOnly));
    });
    if (remove.length === 0) return { kind: 'ok', reason: `not installed: ${specs.map((s) => s.name).join(', ')}` };
    const names = remove.map((s) => s.name);
    const cmd = aptRemoveCommand(req.options, names, req.purge);
    return { kind: 'change', summary: `${req.purge ? 'purge' : 'remove'}: ${names.join(', ')}`, steps: [{ cmd, describe: TX_DESCRIBE }] };
  }

  let todo: string[];
  if (req.state === 'latest') {
    if (stale) {
      // the candidates are only known after the update: install all, and let apt-get's summary say what changed
      todo = req.names.slice();
    } else {
      const policy = parsePolicy(observed.policy);
      todo = specs.filter((s) => {
        const st = dpkg.get(s.name);
        const pol = policy.get(s.name);
        return !st?.installed || pol?.candidate === undefined || pol.installed !== pol.candidate;
      }).map((s) => s.name);
    }
  } else {
    todo = specs.filter((s) => {
      const st = dpkg.get(s.name);
      return !st?.installed || (s.version !== undefined && st.version !== s.version);
    }).map((s) => (s.version === undefined ? s.name : `${s.name}=${s.version}`));
  }
  if (todo.length === 0) {
    // present/latest already hold: a cache refresh alone would change nothing a second run could see
    const what = specs.map((s) => `${s.name} ${dpkg.get(s.name)?.version ?? ''}`.trim()).join(', ');
    return { kind: 'ok', reason: req.state === 'latest' ? `at the latest version: ${what}` : `installed: ${what}` };
  }
  const steps: Step[] = [...clean, ...(stale ? [update] : [])];
  steps.push({ cmd: aptInstallCommand(req.options, todo), describe: TX_DESCRIBE });
  return { kind: 'change', summary: `${req.state === 'latest' ? 'install or upgrade' : 'install'}: ${todo.join(', ')}`, steps, data: stale ? { cache_updated: true } : undefined };
}

/** An upgrade, autoclean or autoremove: predicted from apt-get's simulation, unless the cache is updated first. */
function planHostWide(req: AptRequest, w: HostWide, observed: Observed, before: readonly Step[]): Plan {
  const sim = observed.simulate;
  if (sim !== undefined && sim.code !== 0) return { kind: 'fail', msg: `'apt-get ${w.kind}' failed: ${sim.stderr.trim() || sim.stdout.trim()}` };
  const what = w.kind === 'upgrade' ? `apt-get ${w.mode === 'full' || w.mode === 'dist' ? 'dist-upgrade' : 'upgrade'}` : `apt-get ${w.kind}`;
  const updating = before.some((s) => s.describe === UPDATE_DESCRIBE);
  if (!updating && !hostWideChanges(w, sim?.stdout ?? '') && before.length === 0) return { kind: 'ok', reason: `${what}: nothing to do` };
  const describe = w.kind === 'autoclean' ? AUTOCLEAN_DESCRIBE : TX_DESCRIBE;
  return { kind: 'change', summary: what, steps: [...before, { cmd: hostWideCommand(req, w, false), describe }] };
}

/** Steps of an apt plan carry these describes, so that the package module can tell whose finish applies. */
export function isAptOutput(o: StepOutput): boolean {
  return [TX_DESCRIBE, UPDATE_DESCRIBE, CLEAN_DESCRIBE, AUTOCLEAN_DESCRIBE].includes(o.step.describe);
}

export function finishApt(outputs: readonly StepOutput[]): Finish {
  const failed = outputs.find((o) => o.code !== 0);
  if (failed) {
    const errors = `${failed.stderr}\n${failed.stdout}`.split('\n').filter((l) => /^E: /.test(l));
    // a name apt has no version of: Ansible's apt module refuses it before it installs anything, in its own words
    const missing = errors.map((l) => /^E: (?:Unable to locate package (\S+)|Package '([^']+)' has no installation candidate)$/.exec(l)).find((m) => m !== null);
    if (missing) return { failed: `No package matching '${missing[1] ?? missing[2] ?? ''}' is available` };
    return { failed: errors.length > 0 ? errors.join('\n') : `${failed.step.describe} failed: ${(failed.stderr.trim() || failed.stdout.trim()).split('\n').slice(-5).join('\n')}` };
  }
  const autoclean = outputs.find((o) => o.step.describe === AUTOCLEAN_DESCRIBE);
  if (autoclean) return { changed: autoclean.stdout.includes('Del '), data: { stdout: autoclean.stdout } };
  const tx = outputs.find((o) => o.step.describe === TX_DESCRIBE);
  // apt-get clean alone is not reported as a change: Ansible's early exit for it never happens (upgrade defaults to 'no')
  if (!tx) return outputs.some((o) => o.step.describe === UPDATE_DESCRIBE) ? { data: { cache_updated: true } } : { changed: false };
  const r = parseAptGetOutput(tx.stdout);
  // after a cache update, "install" of packages already at the candidate does nothing: then the task is ok
  return { changed: r.changedCount === undefined ? true : r.changedCount > 0, data: { installed: r.installed, removed: r.removed, stdout: tx.stdout } };
}

/** The apt module's parameters, any of them (the package module passes on what it has). */
export type AptParams = Partial<Static<typeof params>>;

export function aptRequest(p: AptParams): AptRequest {
  const names = p.name !== undefined && p.name.length > 0 ? p.name : (p.package ?? p.pkg ?? []);
  const allowDowngrade = p.allow_downgrade ?? p['allow-downgrade'] ?? p.allow_downgrades ?? p['allow-downgrades'] ?? false;
  return {
    names: aptNames(names),
    nameGiven: p.name !== undefined || p.package !== undefined || p.pkg !== undefined,
    state: p.state ?? 'present',
    updateCache: p.update_cache ?? p['update-cache'] ?? false,
    cacheValidTime: p.cache_valid_time ?? 0,
    purge: p.purge ?? false,
    upgrade: p.upgrade,
    autoclean: p.autoclean,
    clean: p.clean,
    deb: p.deb,
    options: {
      ...DEFAULT_APT_GET_OPTIONS,
      defaultRelease: p.default_release ?? p['default-release'],
      installRecommends: p.install_recommends ?? p['install-recommends'],
      dpkgOptions: p.dpkg_options ?? DEFAULT_DPKG_OPTIONS,
      force: p.force ?? false,
      allowUnauthenticated: p.allow_unauthenticated ?? p['allow-unauthenticated'] ?? false,
      allowDowngrade,
      allowChangeHeldPackages: p.allow_change_held_packages ?? false,
      autoremove: p.autoremove ?? false,
      failOnAutoremove: p.fail_on_autoremove ?? false,
      onlyUpgrade: p.only_upgrade ?? false,
      lockTimeout: p.lock_timeout,
      policyRcD: p.policy_rc_d,
    },
  };
}

export const aptModule = defineModule({
  name: 'apt',
  short: 'Install, upgrade and remove packages with apt on Debian hosts',
  params,
  mutuallyExclusive: [['name', 'package', 'pkg']],
  checkMode: 'plan',
  examples: `- name: Install the KVM stack on Debian
  apt:
    name: [qemu-system-x86, libvirt-daemon-system, virtinst]
    update_cache: true
    cache_valid_time: 3600

- name: No telnet
  apt:
    name: telnet
    state: absent
    purge: true
`,
  probe: (p) => aptProbes(aptRequest(p)),
  plan: (p, observed, ctx) => planApt(aptRequest(p), observed, ctx),
  finish: (_p, outputs) => finishApt(outputs),
});
