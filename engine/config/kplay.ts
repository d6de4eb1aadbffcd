// kplay's own settings, which Ansible does not have: in ansible.cfg's `[kplay]` section (Ansible ignores a section
// it does not know) and KPLAY_* environment variables, the environment ranking above the file as for Ansible's.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ResolvedConfig } from './index.js';

export interface RunStoreSettings {
  /** record runs in the store (default true; `--no-record`, KPLAY_RECORD=false or `record = false` turn it off) */
  readonly record: boolean;
  readonly path: string;
}

const TRUE = new Set(['1', 'true', 'yes', 'on', 'y', 't']);
const FALSE = new Set(['0', 'false', 'no', 'off', 'n', 'f']);

export function runStoreSettings(config: ResolvedConfig, env: NodeJS.ProcessEnv, cwd: string): RunStoreSettings {
  const section = config.sections.get('kplay');
  const fileDir = config.file === undefined ? cwd : dirname(config.file);
  const recordEnv = env.KPLAY_RECORD;
  const recordCfg = section?.get('record');
  let record = true;
  if (recordEnv !== undefined && recordEnv !== '') record = flag(recordEnv, 'environment variable KPLAY_RECORD');
  else if (recordCfg !== undefined) record = flag(recordCfg.value, `${config.file ?? 'ansible.cfg'}:${recordCfg.line} (record)`);
  const pathEnv = env.KPLAY_RUN_STORE;
  const pathCfg = section?.get('run_store');
  const home = env.HOME ?? homedir();
  // a file is relative to where it was named; a database URL (postgres://...) is taken as written
  const expand = (p: string, base: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(p) ? p : resolve(base, p.replace(/^~(?=$|\/)/, home)));
  let path: string;
  if (pathEnv !== undefined && pathEnv !== '') path = expand(pathEnv, cwd);
  else if (pathCfg !== undefined && pathCfg.value !== '') path = expand(pathCfg.value, fileDir);
  else path = join(env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(home, '.local', 'share'), 'kplay', 'runs.sqlite');
  return { record, path };
}

function flag(value: string, where: string): boolean {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new InputError(`${where}: expected a boolean (true/false, yes/no, 1/0), got ${JSON.stringify(value)}`);
}
