// package: install or remove packages with whatever the host uses (the pkg_mgr fact): dnf/yum or apt.
import { Type, type Static } from '@sinclair/typebox';
import { aptModule, aptProbes, aptRequest, finishApt, isAptOutput, planApt, type AptRequest, type AptState } from './apt.js';
import { defineModule, type PlanContext } from './contract.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { DNF_SWITCH_PARAMS } from './support/dnf-switches.js';
import { finishPackages, packageProbes, planPackages, yumRequest } from './support/yum-plan.js';
import { yumModule } from './yum.js';

const STATES = ['present', 'installed', 'latest', 'absent', 'removed'] as const;
const USE = ['auto', 'dnf', 'yum', 'apt'] as const;

const params = Type.Object({
  name: Type.Optional(Type.Array(operand('A package name.'), { description: 'Packages, by the names the host\'s package manager uses; a list or a comma-separated string.' })),
  // the managers' modules (dnf, yum, apt), which Ansible's package action passes the arguments to, take pkg too
  pkg: aliasOf('name', Type.Optional(Type.Array(operand('A package name.'), { description: 'Alias of name.' }))),
  // no default here: dnf's is absent with autoremove, else present (as Ansible's package passes state on, or not)
  state: Type.Optional(choice(STATES, { description: 'present/installed: install what is missing; latest: also upgrade; absent/removed: remove. Default present (on dnf hosts absent with autoremove alone).' })),
  use: choice(USE, { description: 'The package manager to use; auto reads the pkg_mgr fact (gathered for this module even with gather_facts: false).', default: 'auto' }),
  // passed on to the manager's module, as Ansible's package action does; one the manager lacks fails the host
  update_cache: Type.Optional(Type.Boolean({ description: 'Refresh the package metadata first (dnf/yum and apt).' })),
  enablerepo: Type.Optional(Type.Array(operand('A repository id.'), { description: 'dnf/yum only: repository ids to enable for this transaction.' })),
  disablerepo: Type.Optional(Type.Array(operand('A repository id.'), { description: 'dnf/yum only: repository ids to disable for this transaction ("*" for all).' })),
  disable_gpg_check: Type.Optional(Type.Boolean({ description: 'dnf/yum only: do not check package signatures.' })),
  autoremove: Type.Optional(Type.Boolean({ description: 'apt: --auto-remove; dnf removes unneeded dependencies with a package by default.' })),
  ...DNF_SWITCH_PARAMS,
  allow_downgrade: Type.Optional(Type.Boolean({ description: 'apt: --allow-downgrades; dnf installs the version a spec names in any case.' })),
  cache_valid_time: Type.Optional(Type.Integer({ description: 'apt only: update the cache only when it is older than this many seconds.', minimum: 0 })),
  purge: Type.Optional(Type.Boolean({ description: 'apt only: with state absent, also remove configuration files.' })),
  install_recommends: Type.Optional(Type.Boolean({ description: 'apt only: install recommended packages too.' })),
  default_release: Type.Optional(Type.String({ description: 'apt only: install from this release (apt-get -t).' })),
  policy_rc_d: Type.Optional(Type.Integer({ description: 'apt only: /usr/sbin/policy-rc.d exits with this code during the transaction (101: no service starts).' })),
  dpkg_options: Type.Optional(Type.String({ description: 'apt only: dpkg options, comma-separated.' })),
  only_upgrade: Type.Optional(Type.Boolean({ description: 'apt only: only upgrade packages already installed.' })),
  allow_unauthenticated: Type.Optional(Type.Boolean({ description: 'apt only: install packages that cannot be authenticated.' })),
  force: Type.Optional(Type.Boolean({ description: 'apt only: --force-yes.' })),
});

type Given = Static<typeof params>;
type Params = Given & { readonly name: string[] };

/** The parameters with pkg read as name. */
function named(p: Given): Params {
  return { ...p, name: p.name ?? p.pkg ?? [] };
}

/** The parameters only one manager's module takes: given to the other, Ansible's module refuses them. */
const ONLY: Readonly<Record<Manager, readonly (keyof Params)[]>> = {
  yum: ['enablerepo', 'disablerepo', 'disable_gpg_check', ...(Object.keys(DNF_SWITCH_PARAMS) as (keyof Params)[]).filter((k) => k !== 'allow_downgrade')],
  apt: ['cache_valid_time', 'purge', 'install_recommends', 'default_release', 'policy_rc_d', 'dpkg_options', 'only_upgrade', 'allow_unauthenticated', 'force'],
};

type Manager = 'yum' | 'apt';

/** Which planner serves the host: dnf and yum share one, apt has its own; anything else is unsupported. */
function managerFor(use: string, ctx: PlanContext): { manager: Manager } | { error: string } {
  const pm = use === 'auto' ? (ctx.facts?.pkg_mgr ?? 'unknown') : use;
  if (pm === 'dnf' || pm === 'yum' || pm === 'dnf5') return { manager: 'yum' };
  if (pm === 'apt') return { manager: 'apt' };
  return { error: `package: no support for the package manager '${pm}' (supported: dnf, yum, apt)${pm === 'unknown' ? ': facts were not gathered or did not recognise it' : ''}` };
}

function aptState(state: (typeof STATES)[number]): AptState {
  return state === 'installed' ? 'present' : state === 'removed' ? 'absent' : state;
}

function aptRequestOf(p: Params): AptRequest {
  return aptRequest({ ...p, state: aptState(p.state ?? 'present') });
}

/** The parameters of kplay's manager modules, which Ansible's package action would hand a parameter of its own to. */
const MANAGER_PARAMS: Readonly<Record<Manager, ReadonlySet<string>>> = {
  yum: new Set(Object.keys(yumModule.params.properties)),
  apt: new Set(Object.keys(aptModule.params.properties)),
};

/** The module Ansible's package hands a manager's parameters to (EL 8's yum is dnf). */
const moduleOf = (m: Manager): string => (m === 'yum' ? 'dnf' : 'apt');

/** Parameters given that package's schema does not name (Ansible's package passes every one to the manager's module). */
function others(p: Given): string[] {
  return Object.keys(p).filter((k) => !Object.hasOwn(params.properties, k) && (p as Record<string, unknown>)[k] !== undefined);
}

/** The parameters given that the host's manager does not take, as the message Ansible's module gives. */
function unsupported(p: Params, manager: Manager): string | undefined {
  const other: Manager = manager === 'yum' ? 'apt' : 'yum';
  const given = [...ONLY[other].filter((k) => p[k] !== undefined), ...others(p).filter((k) => !MANAGER_PARAMS[manager].has(k))];
  if (given.length > 0) return `Unsupported parameters for (${moduleOf(manager)}) module: ${given.join(', ')} (the host's package manager does not take them)`;
  const unpassed = others(p);
  if (unpassed.length > 0) return `kplay's package does not pass ${unpassed.join(', ')} on to ${moduleOf(manager)}: use the ${moduleOf(manager)} module for it`;
  return undefined;
}

/** Validate's word on a parameter package's schema does not name: which of kplay's managers take it, if any. */
function otherParam(name: string): string {
  const takers = (['yum', 'apt'] as const).filter((m) => MANAGER_PARAMS[m].has(name)).map(moduleOf);
  if (takers.length === 0) return "is taken by none of dnf, yum and apt (Ansible's package passes it to the host's manager module): a host with one of them fails this task, as in Ansible";
  return `is ${takers.join(' and ')}'s, which kplay's package does not pass on: a host fails this task (use the ${takers.join(' or ')} module)`;
}

export const packageModule = defineModule({
  name: 'package',
  short: 'Install or remove packages with the host\'s package manager (dnf, yum or apt)',
  params,
  needsFacts: true,
  checkMode: 'plan',
  // the union of the managers' own rules: apt takes autoremove alone, and so does dnf
  requiredOneOf: [['name', 'pkg', 'update_cache', 'autoremove']],
  otherParam,
  mutuallyExclusive: [['name', 'pkg']],
  examples: `- name: The tools every host needs, whatever its distribution
  package:
    name: [curl, rsync]
    state: present
`,
  probe(given, ctx) {
    const p = named(given);
    const m = managerFor(p.use ?? 'auto', ctx);
    if (!('manager' in m)) return {};
    if (unsupported(p, m.manager) !== undefined) return {};
    if (m.manager === 'yum') return packageProbes(yumRequest(p));
    return aptProbes(aptRequestOf(p));
  },
  plan(given, observed, ctx) {
    const p = named(given);
    const m = managerFor(p.use ?? 'auto', ctx);
    if (!('manager' in m)) return { kind: 'fail', msg: m.error };
    const refused = unsupported(p, m.manager);
    if (refused !== undefined) return { kind: 'fail', msg: refused };
    if (m.manager === 'yum') return planPackages(yumRequest(p), observed);
    return planApt(aptRequestOf(p), observed, ctx);
  },
  // finish gets no facts: the steps themselves say which planner made them
  finish: (_p, outputs) => (outputs.some(isAptOutput) ? finishApt(outputs) : finishPackages(outputs)),
});
