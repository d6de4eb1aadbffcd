// The modules that read and edit files on the host: stat, slurp, ini_file, find, assemble, ...
import { assembleModule } from './assemble.js';
import type { ModuleDef } from './contract.js';
import { findModule } from './find.js';
import { iniFileModule } from './ini_file.js';
import { slurpModule } from './slurp.js';
import { statModule } from './stat.js';

export const fileModules: readonly ModuleDef[] = [statModule, slurpModule, iniFileModule, findModule, assembleModule];
