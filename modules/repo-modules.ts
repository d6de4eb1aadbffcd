// The modules of package repositories, keys and archives that public roles use: yum_repository, rpm_key, unarchive, fetch, apt_repository, apt_key, deb822_repository
import type { ModuleDef } from './contract.js';
import { aptKeyModule } from './apt_key.js';
import { aptRepositoryModule } from './apt_repository.js';
import { deb822RepositoryModule } from './deb822_repository.js';
import { fetchModule } from './fetch.js';
import { rpmKeyModule } from './rpm_key.js';
import { unarchiveModule } from './unarchive.js';
import { yumRepositoryModule } from './yum_repository.js';

export const repoModules: readonly ModuleDef[] = [yumRepositoryModule, rpmKeyModule, unarchiveModule, fetchModule, aptRepositoryModule, aptKeyModule, deb822RepositoryModule];
