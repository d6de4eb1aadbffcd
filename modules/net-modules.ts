// The modules that fetch from the network on the host: get_url, uri.
import type { ModuleDef } from './contract.js';
import { getUrlModule } from './get_url.js';
import { uriModule } from './uri.js';

export const netModules: readonly ModuleDef[] = [getUrlModule, uriModule];
