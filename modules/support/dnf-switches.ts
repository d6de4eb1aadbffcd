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
  security: Type.Optional(Type.Boolean({ description: 'Only updates marked security-related in the repositories\' advisories (--security); a package with none cannot be installed either.' })),
  bugfix: Type.Optional(Type.Boolean({ description: 'Only updates marked bugfix-related in the repositories\' advisories (--bugfix).' })),
  cacheonly: Type.Optional(Type.Boolean({ description: 'Use only the metadata cache, never download it (--cacheonly).' })),
  download_only: Type.Optional(Type.Boolean({ description: 'Only download the packages, install nothing (--downloadonly); reported changed while they are not installed.' })),
  download_dir: Type.Optional(Type.String({ description: 'With download_only: where the packages go (--destdir=DIR).' })),
  sslverify: Type.Optional(Type.Boolean({ description: 'false: do not verify the repositories\' TLS certificates (--setopt=sslverify=False).' })),
  conf_file: Type.Optional(Type.String({ description: 'The dnf configuration file to use (--config=FILE).' })),
  // not a switch: the planner reads it (it is here so that the package module passes it on as well)
  update_only: Type.Optional(Type.Boolean({ description: 'Upgrade the named packages that are installed; install none that is missing ("not installed due to update_only").' })),
  validate_certs: Type.Optional(Type.Boolean({ description: 'Accepted and ignored, as Ansible 2.14\'s dnf module ignores it (sslverify is the switch).' })),
  lock_timeout: Type.Optional(Type.Integer({ description: 'Accepted and ignored, as Ansible 2.14\'s dnf module ignores it (dnf itself waits for its lock).' })),
  install_repoquery: Type.Optional(Type.Boolean({ description: 'Accepted and ignored: yum only, as Ansible\'s dnf module ignores it.' })),
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
  readonly security?: boolean | undefined;
  readonly bugfix?: boolean | undefined;
  readonly cacheonly?: boolean | undefined;
  readonly download_only?: boolean | undefined;
  readonly download_dir?: string | undefined;
  readonly sslverify?: boolean | undefined;
  readonly conf_file?: string | undefined;
}

export function dnfSwitches(p: DnfSwitchParams): string[] {
  return [
    ...(p.conf_file !== undefined ? [`--config=${p.conf_file}`] : []),
    ...(p.allowerasing === true ? ['--allowerasing'] : []),
    ...(p.exclude ?? []).map((x) => `--exclude=${x}`),
    ...(p.skip_broken === true ? ['--skip-broken'] : []),
    ...(p.nobest === true ? ['--nobest'] : []),
    ...(p.install_weak_deps === false ? ['--setopt=install_weak_deps=False'] : []),
    ...(p.releasever !== undefined ? [`--releasever=${p.releasever}`] : []),
    ...(p.disable_plugin ?? []).map((x) => `--disableplugin=${x}`),
    ...(p.enable_plugin ?? []).map((x) => `--enableplugin=${x}`),
    ...(p.disable_excludes !== undefined ? [`--disableexcludes=${p.disable_excludes}`] : []),
    ...(p.security === true ? ['--security'] : []),
    ...(p.bugfix === true ? ['--bugfix'] : []),
    ...(p.cacheonly === true ? ['--cacheonly'] : []),
    ...(p.sslverify === false ? ['--setopt=sslverify=False'] : []),
    // Ansible sets the download directory only for download_only
    ...(p.download_only === true ? ['--downloadonly', ...(p.download_dir !== undefined ? [`--destdir=${p.download_dir}`] : [])] : []),
  ];
}
