// The modules that manage database servers on the host: mysql_db, mysql_user.
import type { ModuleDef } from './contract.js';
import { mysqlDbModule } from './mysql_db.js';
import { mysqlUserModule } from './mysql_user.js';

export const dbModules: readonly ModuleDef[] = [mysqlDbModule, mysqlUserModule];
