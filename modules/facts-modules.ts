// The fact modules: setup, gather_facts, service_facts, package_facts, and wait_for (waits on host state, changes nothing).
import type { ModuleDef } from './contract.js';
import { packageFactsModule } from './package_facts.js';
import { serviceFactsModule } from './service_facts.js';
import { gatherFactsModule, setupModule } from './setup.js';
import { waitForModule } from './wait_for.js';

export const factsModules: readonly ModuleDef[] = [setupModule, gatherFactsModule, serviceFactsModule, packageFactsModule, waitForModule];
