// The modules that do the KVM manual's job: cpuflags, yum, service, virt, virt_net.
import type { ModuleDef } from './contract.js';
import { cpuflagsModule } from './cpuflags.js';
import { serviceModule } from './service.js';
import { virtModule } from './virt.js';
import { virtNetModule } from './virt_net.js';
import { yumModule } from './yum.js';

export const kvmModules: readonly ModuleDef[] = [cpuflagsModule, yumModule, serviceModule, virtModule, virtNetModule];
