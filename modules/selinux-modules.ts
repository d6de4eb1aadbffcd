// The SELinux policy modules beyond selinux's mode: booleans and port types.
import type { ModuleDef } from './contract.js';
import { sebooleanModule } from './seboolean.js';
import { seportModule } from './seport.js';

export const selinuxModules: readonly ModuleDef[] = [sebooleanModule, seportModule];
