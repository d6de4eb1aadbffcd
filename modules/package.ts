// package: install or remove packages with whatever the host uses (the pkg_mgr fact): dnf/yum or apt.
import { Type } from '@sinclair/typebox';
import { aptProbes, aptRequest, finishApt, isAptOutput, planApt, type AptState } from './apt.js';
import { defineModule, type PlanContext } from './contract.js';
import { choice, operand } from './common/schema.js';
import { finishPackages, packageNames, packageProbes, planPackages, type PackageRequest } from './support/yum-plan.js';

const STATES = ['present', 'installed', 'latest', 'absent', 'removed'] as const;
const USE = ['auto', 'dnf', 'yum', 'apt'] as const;

const params = Type.Object({
  name: Type.Array(operand('A package name.'), { description: 'Packages, by the names the host\'s package manager uses; a list or a comma-separated string.' }),
  state: choice(STATES, { description: 'present/installed: install what is missing; latest: also upgrade; absent/removed: remove.', default: 'present' }),
  use: choice(USE, { description: 'The package manager to use; auto reads the pkg_mgr fact (gathered for this module even with gather_facts: false).', default: 'auto' }),
});

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

function yumRequestOf(p: { name: readonly string[]; state?: (typeof STATES)[number] | undefined }): PackageRequest {
  return { names: packageNames(p.name), state: p.state ?? 'present' };
}

export const packageModule = defineModule({
  name: 'package',
  short: 'Install or remove packages with the host\'s package manager (dnf, yum or apt)',
  params,
  needsFacts: true,
  checkMode: 'plan',
  examples: `- name: The tools every host needs, whatever its distribution
  package:
    name: [curl, rsync]
    state: present
`,
  probe(p, ctx) {
    const m = managerFor(p.use ?? 'auto', ctx);
    if (!('manager' in m)) return {};
    if (m.manager === 'yum') return packageProbes(yumRequestOf(p), ctx.check);
    return aptProbes(aptRequest({ name: p.name, state: aptState(p.state ?? 'present') }));
  },
  plan(p, observed, ctx) {
    const m = managerFor(p.use ?? 'auto', ctx);
    if (!('manager' in m)) return { kind: 'fail', msg: m.error };
    if (m.manager === 'yum') return planPackages(yumRequestOf(p), observed);
    return planApt(aptRequest({ name: p.name, state: aptState(p.state ?? 'present') }), observed, ctx);
  },
  // finish gets no facts: the steps themselves say which planner made them
  finish: (_p, outputs) => (outputs.some(isAptOutput) ? finishApt(outputs) : finishPackages(outputs)),
});
