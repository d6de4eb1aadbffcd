// The system-state modules: accounts, groups, kernel parameters, and the like.
import type { ModuleDef } from './contract.js';
import { apache2ModuleModule } from './apache2_module.js';
import { authorizedKeyModule } from './authorized_key.js';
import { cronModule } from './cron.js';
import { cronvarModule } from './cronvar.js';
import { debconfModule } from './debconf.js';
import { dpkgSelectionsModule } from './dpkg_selections.js';
import { firewalldModule } from './firewalld.js';
import { getentModule } from './getent.js';
import { groupModule } from './group.js';
import { hostnameModule } from './hostname.js';
import { iptablesModule } from './iptables.js';
import { ufwModule } from './ufw.js';
import { localeGenModule } from './locale_gen.js';
import { knownHostsModule } from './known_hosts.js';
import { gitModule } from './git.js';
import { modprobeModule } from './modprobe.js';
import { pipModule } from './pip.js';
import { rebootModule } from './reboot.js';
import { waitForConnectionModule } from './wait_for_connection.js';
import { mountModule } from './mount.js';
import { pamLimitsModule } from './pam_limits.js';
import { pamdModule } from './pamd.js';
import { selinuxModule } from './selinux.js';
import { sysctlModule } from './sysctl.js';
import { timezoneModule } from './timezone.js';
import { userModule } from './user.js';

export const systemModules: readonly ModuleDef[] = [
  userModule,
  groupModule,
  sysctlModule,
  cronModule,
  cronvarModule,
  authorizedKeyModule,
  getentModule,
  knownHostsModule,
  selinuxModule,
  timezoneModule,
  hostnameModule,
  rebootModule,
  waitForConnectionModule,
  firewalldModule,
  apache2ModuleModule,
  pamLimitsModule,
  pamdModule,
  mountModule,
  modprobeModule,
  gitModule,
  pipModule,
  dpkgSelectionsModule,
  debconfModule,
  iptablesModule,
  ufwModule,
  localeGenModule,
];
