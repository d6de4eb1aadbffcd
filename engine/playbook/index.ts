// The playbook language: load and validate playbooks and task files into the model the runner executes.
export { loadIncludedRole, loadPlaybook, loadPlaybookSync, loadTasksFile, type LoadOptions } from './load.js';
export type { LoadedRole } from './role.js';
export type * from './model.js';
