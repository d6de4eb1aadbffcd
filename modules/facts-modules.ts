// The fact modules: setup (and later service_facts, package_facts, wait_for).
import type { ModuleDef } from './contract.js';
import { setupModule } from './setup.js';

export const factsModules: readonly ModuleDef[] = [setupModule];
