// yum (alias dnf): packages on dnf/yum hosts; one query for all names, one transaction for all changes.
import { Type } from '@sinclair/typebox';
import { aliasOf, operand } from './common/schema.js';
import { defineModule } from './contract.js';
import { DNF_SWITCH_PARAMS } from './support/dnf-switches.js';
import { finishPackages, packageProbes, planPackages, yumRequest } from './support/yum-plan.js';

const params = Type.Object({
  name: Type.Optional(
    Type.Array(operand('A package spec.'), {
      description:
        'Packages: names, name-version specs (foo-1.2), name.arch, virtual provides or file paths, @group / @^environment; a list or a comma-separated string. With state latest, "*" upgrades every package.',
    }),
  ),
  pkg: aliasOf('name', Type.Optional(Type.Array(operand('A package spec.'), { description: 'Alias of name.' }))),
  state: Type.Union([Type.Literal('present'), Type.Literal('installed'), Type.Literal('latest'), Type.Literal('absent'), Type.Literal('removed')], {
    description: 'present/installed: install what is missing; latest: also upgrade installed ones; absent/removed: remove.',
    default: 'present',
  }),
  enablerepo: Type.Array(operand('A repository id.'), { description: 'Repository ids to enable for this transaction only.', default: [] }),
  disablerepo: Type.Array(operand('A repository id.'), { description: 'Repository ids to disable for this transaction only ("*" for all).', default: [] }),
  update_cache: Type.Boolean({ description: 'Refresh the repository metadata before installing or upgrading.', default: false }),
  disable_gpg_check: Type.Boolean({ description: 'Do not check the GPG signatures of packages being installed.', default: false }),
  ...DNF_SWITCH_PARAMS,
});

/** The shared package request for these parameters (the package module builds the same). */
export const yumModule = defineModule({
  name: 'yum',
  aliases: ['dnf'],
  short: 'Install, upgrade and remove packages with dnf or yum',
  examples: `- name: Install the KVM stack
  yum:
    name: [qemu-kvm, libvirt, virt-install, libvirt-client]
    state: present

- name: Latest libvirt from a repository enabled for this task only
  dnf:
    name: libvirt
    state: latest
    enablerepo: [appstream]
`,
  params,
  requiredOneOf: [['name', 'pkg']],
  mutuallyExclusive: [['name', 'pkg']],
  probe: (p, ctx) => packageProbes(yumRequest({ ...p, name: p.name ?? p.pkg ?? [] }), ctx.check),
  plan: (p, observed) => planPackages(yumRequest({ ...p, name: p.name ?? p.pkg ?? [] }), observed),
  finish: (_p, outputs) => finishPackages(outputs),
});
