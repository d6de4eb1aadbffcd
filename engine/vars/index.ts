// Variables: precedence layering, magic variables, and -e parsing.
export { buildTaskVars, factVars, groupNames, hostvarsView, magicVars, type MagicVars, type VarLayers } from './task-vars.js';
export { parseExtraVar, parseExtraVars } from './extra-vars.js';
