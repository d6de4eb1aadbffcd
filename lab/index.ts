// The lab's programmatic API: what `kplay lab` and the tests use.
export { labUp, normaliseUpOptions, labInfoFromState } from './up.js';
export { labDown, cleanupLab, type LabDownInput } from './down.js';
export { labStatus, loadLab, type LabRef } from './status.js';
export { labCut, labHeal, labStop } from './faults.js';
export { sshArgv, sshRun, type SshTarget } from './ssh.js';
export { parseCpuList } from './cpuinfo.js';
export type { LabInfo, LabStatus, LabUpInput, LabKind, LabOs, CpuFlag, HostRunState } from './types.js';
