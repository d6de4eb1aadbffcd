// What the SELinux policy modules (seboolean, seport) share: the probe for the command-line tools kplay drives in
// place of Ansible's Python bindings, SELinux's run-time state, and the error a semanage run printed.
import type { ProbeOutput } from '../contract.js';

/** Where each tool comes from, for the message when it is missing (EL's package names, and Debian's where it differs). */
const PACKAGE_OF: Readonly<Record<string, string>> = {
  selinuxenabled: 'libselinux-utils (Debian: selinux-utils)',
  getsebool: 'libselinux-utils (Debian: selinux-utils)',
  setsebool: 'policycoreutils',
  semanage: 'policycoreutils-python-utils',
};

export type SelinuxTool = 'selinuxenabled' | 'getsebool' | 'setsebool' | 'semanage';

/** A probe that prints, one a line, the tools of `tools` the host does not have. */
export function missingToolsProbe(tools: readonly SelinuxTool[]): string {
  // the names are this module's constants, never data: they need no quoting
  return `for t in ${tools.join(' ')}; do command -v "$t" >/dev/null 2>&1 || printf '%s\\n' "$t"; done`;
}

/** The tools the probe found missing. */
export function missingTools(out: ProbeOutput | undefined): string[] {
  return (out?.stdout ?? '').split('\n').filter((t) => t !== '');
}

/** Why the module cannot run without `missing` (kplay's counterpart of Ansible's missing Python library). */
export function missingToolsMessage(module: string, missing: readonly string[]): string {
  const packages = [...new Set(missing.map((t) => PACKAGE_OF[t] ?? t))];
  return `${module} needs the SELinux tools ${missing.join(', ')}, not found on the host: install ${packages.join(', ')}`;
}

/** selinuxenabled's answer: libselinux's is_selinux_enabled() (selinuxfs mounted and /etc/selinux/config there). */
export function selinuxEnabled(out: ProbeOutput | undefined): boolean {
  return out?.code === 0;
}

export const SELINUX_DISABLED = 'SELinux is disabled on this host.';

/**
 * The exception a semanage run ended with, as semanage prints it and as Ansible's seport reports it: "Class: text"
 * and a newline. semanage writes libsemanage's own notes before it, so the last such line is the one.
 */
export function semanageError(stderr: string): string | undefined {
  const line = stderr
    .split('\n')
    .filter((l) => /^[A-Za-z]\w*(Error|Exception): /.test(l))
    .at(-1);
  return line === undefined ? undefined : `${line}\n`;
}
