// apt: packages on Debian hosts; one dpkg-query for all names, one apt-get transaction for all changes.
import { Type } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
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
  state: choice(APT_STATES, { description: 'present: install what is missing; latest: also upgrade installed ones; absent: remove.', default: 'present' }),
  update_cache: Type.Boolean({ description: 'Run apt-get update first (when cache_valid_time allows it).', default: false }),
  cache_valid_time: Type.Integer({ description: 'Update the cache only when it is older than this many seconds (0: whenever update_cache is set). Implies update_cache.', default: 0, minimum: 0 }),
  purge: Type.Boolean({ description: 'With state absent, also remove configuration files (also of packages already removed).', default: false }),
  install_recommends: Type.Optional(Type.Boolean({ description: "Install recommended packages too (apt's own setting when unset)." })),
});

/** The parameters the apt planner needs; the package module builds the same from its own. */
export interface AptRequest {
  readonly names: readonly string[];
  readonly state: AptState;
  readonly updateCache: boolean;
  readonly cacheValidTime: number;
  readonly purge: boolean;
  readonly installRecommends?: boolean | undefined;
}

const APT_GET = 'DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const UPDATE_DESCRIBE = 'apt-get update';
const TX_DESCRIBE = 'apt-get transaction';

function aptNames(list: readonly string[]): string[] {
  return list.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '');
}

export function aptProbes(req: AptRequest): Record<string, string> {
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
  if (req.names.length === 0) {
    if (!wantsUpdate) return { kind: 'fail', msg: 'name: no package given (and no update_cache)' };
    if (!stale) return { kind: 'ok', reason: `the package cache is ${age ?? '?'}s old, valid for ${req.cacheValidTime}s` };
    return { kind: 'change', summary: 'update the package cache', steps: [update], data: { cache_updated: true } };
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
    const cmd = `${APT_GET} remove ${req.purge ? '--purge ' : ''}-- ${shellJoin(names)}`;
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
  const recommends = req.installRecommends === undefined ? '' : req.installRecommends ? '--install-recommends ' : '--no-install-recommends ';
  const steps: Step[] = stale ? [update] : [];
  steps.push({ cmd: `${APT_GET} install ${recommends}-- ${shellJoin(todo)}`, describe: TX_DESCRIBE });
  return { kind: 'change', summary: `${req.state === 'latest' ? 'install or upgrade' : 'install'}: ${todo.join(', ')}`, steps, data: stale ? { cache_updated: true } : undefined };
}

/** Steps of an apt plan carry these describes, so that the package module can tell whose finish applies. */
export function isAptOutput(o: StepOutput): boolean {
  return o.step.describe === TX_DESCRIBE || o.step.describe === UPDATE_DESCRIBE;
}

export function finishApt(outputs: readonly StepOutput[]): Finish {
  const failed = outputs.find((o) => o.code !== 0);
  if (failed) {
    const errors = `${failed.stderr}\n${failed.stdout}`.split('\n').filter((l) => /^E: /.test(l));
    return { failed: errors.length > 0 ? errors.join('\n') : `${failed.step.describe} failed: ${(failed.stderr.trim() || failed.stdout.trim()).split('\n').slice(-5).join('\n')}` };
  }
  const tx = outputs.find((o) => o.step.describe === TX_DESCRIBE);
  if (!tx) return { data: { cache_updated: true } };
  const r = parseAptGetOutput(tx.stdout);
  // after a cache update, "install" of packages already at the candidate does nothing: then the task is ok
  return { changed: r.changedCount === undefined ? true : r.changedCount > 0, data: { installed: r.installed, removed: r.removed, stdout: tx.stdout } };
}

export function aptRequest(p: { name?: readonly string[] | undefined; package?: readonly string[] | undefined; pkg?: readonly string[] | undefined; state?: AptState | undefined; update_cache?: boolean | undefined; cache_valid_time?: number | undefined; purge?: boolean | undefined; install_recommends?: boolean | undefined }): AptRequest {
  const names = p.name !== undefined && p.name.length > 0 ? p.name : (p.package ?? p.pkg ?? []);
  return {
    names: aptNames(names),
    state: p.state ?? 'present',
    updateCache: p.update_cache ?? false,
    cacheValidTime: p.cache_valid_time ?? 0,
    purge: p.purge ?? false,
    installRecommends: p.install_recommends,
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
