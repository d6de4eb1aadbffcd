// The modules that do the KVM manual's job: cpuflags, yum, service, virt, virt_net.
import type { ModuleDef } from './contract.js';

export const kvmModules: readonly ModuleDef[] = [];
