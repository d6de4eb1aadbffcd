// The lab's RPMs, named as on EL: each one's payload is the real program moved out of the Debian image,
// so a host has no libvirtd unit and no virsh until the package that provides them is installed.
import type { ElOs } from '../types.js';
import type { LabPackage } from './lab-package.js';
import { basePackages } from './base-packages.js';
import { logPackages } from './log-packages.js';
import { serverPackages } from './server-packages.js';

const LIBVIRT_UNITS = [
  '/usr/lib/systemd/system/libvirtd*',
  '/usr/lib/systemd/system/virtlogd*',
  '/usr/lib/systemd/system/virtlockd*',
  '/usr/lib/systemd/system/libvirt-guests.service',
  '/usr/lib/systemd/system/virt-guest-shutdown.target',
];

const placeholder = (name: string): [string, string, string] => [
  `/usr/share/doc/${name}/README.kplay-lab`,
  '0644',
  `${name} in a kplay lab host is a placeholder package: it installs no program, only this note.\n`,
];

/** Debian packages whose files the lab RPMs take over (also part of the image's package list). */
export const GATED_DEBIAN_PACKAGES = ['libvirt-daemon-system', 'libvirt-clients', 'libvirt-daemon-driver-qemu', 'qemu-system-x86', 'qemu-utils', 'python3-libvirt'];

export function labPackages(os: ElOs): LabPackage[] {
  const el8 = os === 'el8';
  const dist = el8 ? 'el8' : 'el7';
  const v = (el8v: string, el7v: string): string => (el8 ? el8v : el7v);
  return [
    {
      name: 'qemu-kvm',
      version: v('6.2.0', '1.5.3'),
      release: `1.kplay.${dist}`,
      summary: 'QEMU is a machine emulator and virtualizer',
      requires: ['qemu-img'],
      gate: ['/usr/bin/qemu-system-x86_64', '/usr/bin/qemu-system-i386', '/usr/bin/qemu-system-x86_64-microvm', '/usr/bin/qemu-pr-helper'],
      extra: [['/usr/libexec/qemu-kvm', 'link', '/usr/bin/qemu-system-x86_64']],
      units: false,
    },
    {
      name: 'qemu-img',
      version: v('6.2.0', '1.5.3'),
      release: `1.kplay.${dist}`,
      summary: 'QEMU command line tool for manipulating disk images',
      requires: [],
      gate: ['/usr/bin/qemu-img', '/usr/bin/qemu-io', '/usr/bin/qemu-nbd'],
      extra: [],
      units: false,
    },
    {
      name: 'libvirt-client',
      version: v('8.0.0', '4.5.0'),
      release: `1.kplay.${dist}`,
      summary: 'Client side utilities of the libvirt library',
      requires: [],
      gate: ['/usr/bin/virsh', '/usr/bin/virt-admin', '/usr/bin/virt-host-validate', '/usr/bin/virt-pki-query-dn', '/usr/bin/virt-pki-validate', '/usr/bin/virt-xml-validate'],
      extra: [],
      units: false,
    },
    {
      name: 'libvirt',
      version: v('8.0.0', '4.5.0'),
      release: `1.kplay.${dist}`,
      summary: 'Library providing a simple virtualization API (daemon: libvirtd)',
      requires: ['libvirt-client'],
      gate: ['/usr/sbin/libvirtd', '/usr/sbin/virtlogd', '/usr/sbin/virtlockd', '/usr/bin/virt-qemu-run', '/usr/bin/virt-ssh-helper', ...LIBVIRT_UNITS],
      extra: [],
      units: true,
    },
    {
      name: el8 ? 'python3-libvirt' : 'libvirt-python',
      version: v('8.0.0', '4.5.0'),
      release: `1.kplay.${dist}`,
      summary: 'The libvirt virtualization API python bindings',
      requires: ['libvirt-client'],
      gate: ['/usr/lib/python3/dist-packages/libvirt*', '/usr/lib/python3/dist-packages/libvirtmod*', '/usr/lib/python3/dist-packages/libvirtaio.py'],
      extra: [],
      units: false,
    },
    { name: 'virt-install', version: v('3.2.0', '1.5.0'), release: `1.kplay.${dist}`, summary: 'Utilities for installing virtual machines (lab placeholder)', requires: [], gate: [], extra: [placeholder('virt-install')], units: false },
    { name: 'virt-manager', version: v('3.2.0', '1.5.0'), release: `1.kplay.${dist}`, summary: 'Desktop tool for managing virtual machines (lab placeholder)', requires: [], gate: [], extra: [placeholder('virt-manager')], units: false },
    { name: 'virt-viewer', version: v('9.0', '5.0'), release: `1.kplay.${dist}`, summary: 'Virtual Machine Viewer (lab placeholder)', requires: [], gate: [], extra: [placeholder('virt-viewer')], units: false },
    {
      name: 'kplay-demo',
      version: '1.0',
      release: `1.${dist}`,
      summary: 'kplay demo package: one small file',
      requires: [],
      gate: [],
      extra: [['/usr/share/kplay-demo/hello', '0644', 'hello from kplay-demo\n']],
      units: false,
    },
    {
      name: 'kplay-demo-service',
      version: '1.0',
      release: `1.${dist}`,
      summary: 'kplay demo service: a systemd unit kplay-demo.service (not enabled)',
      requires: [],
      gate: [],
      extra: [['/usr/lib/systemd/system/kplay-demo.service', '0644', '[Unit]\nDescription=kplay demo service\n\n[Service]\nExecStart=/bin/sleep infinity\n\n[Install]\nWantedBy=multi-user.target\n']],
      units: true,
    },
    ...serverPackages(os),
    ...logPackages(os),
    ...basePackages(os),
  ];
}
