// The facts gathered from a host in one round trip (engine/facts gathers them; modules and templates read them).
export interface HostFacts {
  readonly os_family: string; // RedHat | Debian | ...
  readonly distribution: string; // Rocky | CentOS | Debian | ...
  readonly distribution_version: string;
  readonly distribution_major_version: string;
  readonly pkg_mgr: string; // dnf | yum | apt | unknown
  readonly service_mgr: string; // systemd | ...
  readonly architecture: string;
  readonly kernel: string;
  readonly hostname: string;
  readonly fqdn: string;
  readonly memtotal_mb: number;
  readonly processor_vendor: string; // GenuineIntel | AuthenticAMD | ...
  readonly processor_flags: readonly string[];
  /** the virtualization extensions present: a subset of ["vmx", "svm"] */
  readonly virtualization_flags: readonly string[];
  readonly kvm_device: boolean; // /dev/kvm exists
  readonly user_id: string;
}
