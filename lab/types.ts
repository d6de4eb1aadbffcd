// The lab's vocabulary: what a user asks for, what one host is, what the lab remembers between commands.

export type LabKind = 'full' | 'light';
/** EL identities (the lab's RPMs, dnf) and Debian 12 (apt over a local repository of real Debian packages). */
export type LabOs = ElOs | 'debian12';
export type ElOs = 'el8' | 'el7';
export const LAB_OSES: readonly LabOs[] = ['el8', 'el7', 'debian12'];
export type CpuFlag = 'vmx' | 'svm' | 'none';

/** What `kplay lab up` is asked for (all optional: defaults are filled by normaliseUpOptions). */
export interface LabUpInput {
  count?: number;
  name?: string;
  kind?: LabKind;
  cpu?: readonly CpuFlag[];
  os?: LabOs;
  /** Directory under which `.kplay/lab/NAME/` is written (default: the current directory). */
  baseDir?: string;
  /** Progress lines for a human (the CLI prints them to stderr). */
  log?: (line: string) => void;
}

export interface LabUpOptions {
  count: number;
  name: string;
  kind: LabKind;
  cpu: readonly CpuFlag[];
  os: LabOs;
  baseDir: string;
  log: (line: string) => void;
}

/** One host as the state file records it. */
export interface LabHost {
  name: string;
  index: number;
  address: string;
  netns: string;
  /** Host side of the veth pair (cut/heal act on it). */
  veth: string;
  mac: string;
  cpu: CpuFlag;
  /** PID of the host's top process (systemd-nspawn, or unshare for a light host); 0 once stopped. */
  pid: number;
  cgroup: string;
  /** The link is cut (kplay lab cut). */
  cut: boolean;
}

/** The state file `.kplay/lab/NAME/state.json`: everything down/status/cut/heal/stop need. */
export interface LabState {
  version: 1;
  name: string;
  kind: LabKind;
  os: LabOs;
  image: string;
  bridge: string;
  subnet: string;
  prefix: number;
  gateway: string;
  /** Machine-side working directory (overlay upper dirs, lab layer, logs). */
  runDir: string;
  /** User-side directory with inventory.ini, key, known_hosts, ops_password. */
  dir: string;
  hosts: LabHost[];
  createdAt: string;
}

/** Which lab it is and where its user-side files are: what LabInfo and LabStatus both start with. */
type LabIdentity = Pick<LabState, 'name' | 'kind' | 'os' | 'dir'>;

/** What a caller (CLI, tests) gets back from labUp. */
export interface LabInfo extends LabIdentity {
  inventory: string;
  keyPath: string;
  knownHosts: string;
  opsPassword: string;
  hosts: Array<{ name: string; address: string; netns: string; cpu: CpuFlag }>;
}

export type HostRunState = 'running' | 'stopped' | 'cut';

export interface LabStatus extends LabIdentity {
  hosts: Array<{ name: string; address: string; state: HostRunState; pid: number }>;
}
