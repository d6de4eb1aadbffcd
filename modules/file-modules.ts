// The modules that read and edit files on the host: stat, ...
import type { ModuleDef } from './contract.js';
import { statModule } from './stat.js';

export const fileModules: readonly ModuleDef[] = [statModule];
