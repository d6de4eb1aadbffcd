// The everyday modules a playbook needs: command, shell, raw, copy, template, file, package, apt, debug, assert, validate_argument_spec, ...
import { aptModule } from './apt.js';
import { assertModule } from './assert.js';
import { asyncStatusModule } from './async_status.js';
import type { ModuleDef } from './contract.js';
import { commandModule } from './command.js';
import { copyModule } from './copy.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { fileModule } from './file.js';
import { includeVarsModule } from './include_vars.js';
import { lineinfileModule } from './lineinfile.js';
import { replaceModule } from './replace.js';
import { blockinfileModule } from './blockinfile.js';
import { tempfileModule } from './tempfile.js';
import { metaModule } from './meta.js';
import { packageModule } from './package.js';
import { pauseModule } from './pause.js';
import { pingModule } from './ping.js';
import { rawModule } from './raw.js';
import { scriptModule } from './script.js';
import { setFactModule } from './set_fact.js';
import { setStatsModule } from './set_stats.js';
import { shellModule } from './shell.js';
import { templateModule } from './template.js';
import { addHostModule } from './add_host.js';
import { groupByModule } from './group_by.js';
import { validateArgumentSpecModule } from './validate_argument_spec.js';
import { systemdModule } from './systemd.js';

// each module is typed by its own schema; plan/probe are methods (bivariant), so all fit the common contract
export const everydayModules: readonly ModuleDef[] = [
  commandModule,
  shellModule,
  rawModule,
  scriptModule,
  debugModule,
  assertModule,
  failModule,
  setFactModule,
  setStatsModule,
  includeVarsModule,
  metaModule,
  pingModule,
  pauseModule,
  copyModule,
  templateModule,
  fileModule,
  systemdModule,
  packageModule,
  aptModule,
  lineinfileModule,
  asyncStatusModule,
  replaceModule,
  blockinfileModule,
  tempfileModule,
  addHostModule,
  groupByModule,
  validateArgumentSpecModule,
];
