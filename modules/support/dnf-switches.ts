// The dnf module's parameters that become dnf switches on every query and transaction, each one word
// (--exclude=PATTERN): a value can never be read as another option.
import { Type } from '@sinclair/typebox';

export const DNF_SWITCH_PARAMS = {
  allowerasing: Type.Optional(Type.Boolean({ description: 'Let dnf remove installed packages to resolve conflicts (--allowerasing).' })),
  allow_downgrade: Type.Optional(Type.Boolean({ description: 'Accepted: dnf installs the version a spec names, lower than the installed one or not.' })),
  exclude: Type.Optional(Type.Array(Type.String(), { description: 'Package name patterns dnf must not install or upgrade (--exclude=PATTERN each).' })),
  skip_broken: Type.Optional(Type.Boolean({ description: 'Skip packages whose dependencies cannot be met (--skip-broken).' })),
  nobest: Type.Optional(Type.Boolean({ description: 'Accept a candidate that is not the best one (--nobest).' })),
  install_weak_deps: Type.Optional(Type.Boolean({ description: 'Install weak dependencies (Recommends); false: --setopt=install_weak_deps=False.' })),
  releasever: Type.Optional(Type.String({ description: 'Install as if the host were this release (--releasever=VALUE).' })),
  disable_plugin: Type.Optional(Type.Array(Type.String(), { description: 'dnf plugins to disable (--disableplugin=NAME each).' })),
  enable_plugin: Type.Optional(Type.Array(Type.String(), { description: 'dnf plugins to enable (--enableplugin=NAME each).' })),
  disable_excludes: Type.Optional(Type.String({ description: 'Disable the excludes of the configuration: all, main or a repository id (--disableexcludes=VALUE).' })),
};

export interface DnfSwitchParams {
  readonly allowerasing?: boolean | undefined;
  readonly exclude?: readonly string[] | undefined;
  readonly skip_broken?: boolean | undefined;
  readonly nobest?: boolean | undefined;
  readonly install_weak_deps?: boolean | undefined;
  readonly releasever?: string | undefined;
  readonly disable_plugin?: readonly string[] | undefined;
  readonly enable_plugin?: readonly string[] | undefined;
  readonly disable_excludes?: string | undefined;
}

export function dnfSwitches(p: DnfSwitchParams): string[] {
  return [
    ...(p.allowerasing === true ? ['--allowerasing'] : []),
    ...(p.exclude ?? []).map((x) => `--exclude=${x}`),
    ...(p.skip_broken === true ? ['--skip-broken'] : []),
    ...(p.nobest === true ? ['--nobest'] : []),
    ...(p.install_weak_deps === false ? ['--setopt=install_weak_deps=False'] : []),
    ...(p.releasever !== undefined ? [`--releasever=${p.releasever}`] : []),
    ...(p.disable_plugin ?? []).map((x) => `--disableplugin=${x}`),
    ...(p.enable_plugin ?? []).map((x) => `--enableplugin=${x}`),
    ...(p.disable_excludes !== undefined ? [`--disableexcludes=${p.disable_excludes}`] : []),
  ];
}
