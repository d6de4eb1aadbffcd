// yum (alias dnf): packages on dnf/yum hosts; one query for all names, one transaction for all changes.
import { Type, type Static } from '@sinclair/typebox';
import { aliasOf, operand } from './common/schema.js';
import { defineModule } from './contract.js';
import { DNF_SWITCH_PARAMS } from './support/dnf-switches.js';
import { finishPackages, packageProbes, planPackages, yumRequest, type PackageRequest } from './support/yum-plan.js';

const params = Type.Object({
  name: Type.Optional(
    Type.Array(operand('A package spec.'), {
      description:
        'Packages: names, name-version specs (foo-1.2), name.arch, virtual provides or file paths, @group / @^environment; a list or a comma-separated string. With state latest, "*" upgrades every package.',
    }),
  ),
  pkg: aliasOf('name', Type.Optional(Type.Array(operand('A package spec.'), { description: 'Alias of name.' }))),
  state: Type.Optional(
    Type.Union([Type.Literal('present'), Type.Literal('installed'), Type.Literal('latest'), Type.Literal('absent'), Type.Literal('removed')], {
      description: 'present/installed: install what is missing; latest: also upgrade installed ones; absent/removed: remove. Unset: present, or absent with autoremove.',
    }),
  ),
  enablerepo: Type.Array(operand('A repository id.'), { description: 'Repository ids to enable for this transaction only.', default: [] }),
  disablerepo: Type.Array(operand('A repository id.'), { description: 'Repository ids to disable for this transaction only ("*" for all).', default: [] }),
  update_cache: Type.Boolean({ description: 'Refresh the repository metadata before installing or upgrading; with no name, only refresh it (reported ok: "Cache updated").', default: false }),
  'expire-cache': aliasOf('update_cache', Type.Optional(Type.Boolean({ description: 'Alias of update_cache.' }))),
  autoremove: Type.Boolean({
    description: 'Remove the leaf packages installed as dependencies that nothing needs any more (dnf autoremove); with names, only with state absent, their unneeded dependencies go too.',
    default: false,
  }),
  disable_gpg_check: Type.Boolean({ description: 'Do not check the GPG signatures of packages being installed.', default: false }),
  ...DNF_SWITCH_PARAMS,
});

/** The shared package request for these parameters (the package module builds the same), aliases read. */
function request(p: Static<typeof params>): PackageRequest {
  return yumRequest({ ...p, name: p.name ?? p.pkg ?? [], update_cache: p.update_cache || p['expire-cache'] === true });
}

export const yumModule = defineModule({
  name: 'yum',
  aliases: ['dnf'],
  short: 'Install, upgrade and remove packages with dnf or yum',
  examples: `- name: Install the KVM stack
  yum:
    name: [qemu-kvm, libvirt, virt-install, libvirt-client]
    state: present

- name: Only the security updates of every package
  dnf:
    name: "*"
    state: latest
    security: true

- name: Remove the packages nothing needs any more
  dnf:
    autoremove: true

- name: Latest libvirt from a repository enabled for this task only
  dnf:
    name: libvirt
    state: latest
    enablerepo: [appstream]
`,
  params,
  requiredOneOf: [['name', 'pkg', 'update_cache', 'expire-cache', 'autoremove']],
  mutuallyExclusive: [['name', 'pkg']],
  probe: (p) => packageProbes(request(p)),
  plan: (p, observed) => planPackages(request(p), observed),
  finish: (_p, outputs) => finishPackages(outputs),
});
