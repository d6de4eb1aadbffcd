// The everyday modules a playbook needs: command, shell, raw, copy, template, file, package, apt, debug, assert, ...
import type { ModuleDef } from './contract.js';

export const everydayModules: readonly ModuleDef[] = [];
