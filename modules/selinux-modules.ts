// The SELinux policy modules beyond selinux's mode: booleans and port types.
import type { ModuleDef } from './contract.js';

export const selinuxModules: readonly ModuleDef[] = [];
