// The community.crypto modules roles use: SSH key pairs and what an X.509 certificate says.
import type { ModuleDef } from './contract.js';

export const cryptoModules: readonly ModuleDef[] = [];
