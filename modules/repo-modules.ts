// The modules of package repositories, keys and archives that public roles use: yum_repository, ...
import type { ModuleDef } from './contract.js';
import { yumRepositoryModule } from './yum_repository.js';

export const repoModules: readonly ModuleDef[] = [yumRepositoryModule];
