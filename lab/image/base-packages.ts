// The EL packages a minimal EL install already has and roles still name (`yum: name=[openssh-server, sudo]`): their
// programs are the image's own, so these RPMs carry no files. The image records them as installed in each EL
// release's rpm database (/var/lib/kplay-rpmdb/<os>, which EL hosts' rpm and dnf use), and the EL repository
// holds them too, as EL's does, so `state: latest` finds nothing newer.
import type { ElOs } from '../types.js';
import type { LabPackage } from './lab-package.js';

/** Where an EL release's rpm database sits in the image (EL hosts' /etc/rpm/macros.kplay-lab points rpm there). */
export const rpmDbPath = (os: ElOs): string => `/var/lib/kplay-rpmdb/${os}`;

export function basePackages(os: ElOs): LabPackage[] {
  const el8 = os === 'el8';
  const v = (el8v: string, el7v: string): string => (el8 ? el8v : el7v);
  const base = (name: string, version: string, summary: string): LabPackage => ({
    name,
    version,
    release: `1.kplay.${os}`,
    summary,
    requires: [],
    gate: [],
    extra: [],
    units: false,
    preinstalled: true,
  });
  return [
    base('openssh', v('8.0p1', '7.4p1'), 'An open source implementation of SSH protocol version 2'),
    base('openssh-server', v('8.0p1', '7.4p1'), 'An open source SSH server daemon'),
    base('openssh-clients', v('8.0p1', '7.4p1'), 'An open source SSH client applications'),
    base('sudo', v('1.9.5p2', '1.8.23'), 'Allows restricted root access for specified users'),
    base('systemd', v('239', '219'), 'System and Service Manager'),
    base('iproute', v('5.18.0', '4.11.0'), 'Advanced IP routing and network device configuration tools'),
    base('procps-ng', v('3.3.15', '3.3.10'), 'System and process monitoring utilities'),
    base('rpm', v('4.14.3', '4.11.3'), 'The RPM package management system'),
    base('kmod', v('25', '20'), 'Linux kernel module management utilities'),
    base('tzdata', '2023c', 'Timezone data'),
    base('iptables', v('1.8.5', '1.4.21'), 'Tools for managing Linux kernel packet filtering capabilities'),
    base(el8 ? 'dnf' : 'yum', v('4.7.0', '3.4.3'), 'Package manager'),
  ];
}
