// One RPM of the EL lab repository: what its payload holds and how it is built (the spec rpmbuild reads).

export interface LabPackage {
  name: string;
  version: string;
  release: string;
  summary: string;
  requires: readonly string[];
  /** Paths (or globs) in the image moved into this package's payload at build time. */
  gate: readonly string[];
  /** Small files written into the payload: [path, mode, content]. Symlinks: mode 'link', content = target. */
  extra: ReadonlyArray<readonly [string, string, string]>;
  /** Reload systemd after install/remove, as EL's systemd file triggers do. */
  units: boolean;
  /** Debian packages (of the Debian lab repository) unpacked into the payload, then laid out as EL ships them: */
  debs?: readonly string[];
  /** ...[from, to] paths renamed first, */
  moves?: ReadonlyArray<readonly [string, string]>;
  /** ...paths taken out, */
  drop?: readonly string[];
  /** ...and [path, sed script] edits. */
  edits?: ReadonlyArray<readonly [string, string]>;
  /** Commands (argv) run after install, in order, whatever each one's exit: service users, owned directories. */
  post?: ReadonlyArray<readonly string[]>;
  /** Already installed on every EL host (recorded in the image's rpm database; its programs are the image's own). */
  preinstalled?: boolean;
}

/** The spec of one package. Paths come from rpm macros defined at build time so the text (and hash) is stable. */
export function specText(p: LabPackage): string {
  const lines = [
    `Name: ${p.name}`,
    `Version: ${p.version}`,
    `Release: ${p.release}`,
    `Summary: ${p.summary}`,
    'License: LGPLv2+',
    'BuildArch: noarch',
    'AutoReqProv: no',
    ...p.requires.map((r) => `Requires: ${r}`),
    '%global debug_package %{nil}',
    '%global __os_install_post %{nil}',
    '%global _build_id_links none',
    '%global _binaries_in_noarch_packages_terminate_build 0',
    '%global _binary_payload w3.zstdio',
    '%description',
    `${p.summary}. Built for a kplay lab host.`,
    '%install',
    `mkdir -p %{buildroot}`,
    `cp -a %{kplay_stash}/${p.name}/. %{buildroot}/`,
  ];
  // Lua scriptlets: a shell one would make the package require /bin/sh, which no RPM in the lab provides
  const reload = 'if posix.access("/run/systemd/system") then rpm.execute("/bin/systemctl", "daemon-reload") end';
  const post = (p.post ?? []).map((argv) => `rpm.execute(${argv.map((a) => JSON.stringify(a)).join(', ')})`);
  if (p.units) post.push(reload);
  if (post.length > 0) lines.push('%post -p <lua>', ...post);
  if (p.units) lines.push('%postun -p <lua>', reload);
  // a preinstalled package has no payload (rpmbuild refuses an empty file list)
  lines.push(p.preinstalled === true ? '%files' : `%files -f %{kplay_stash}/${p.name}.files`, '');
  return lines.join('\n');
}
