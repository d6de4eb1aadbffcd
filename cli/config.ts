// ansible.cfg and ANSIBLE_* for the commands: read once per command, warnings printed once, and the settings the
// command line did not give filled in (command line > environment > ansible.cfg > default, as Ansible ranks them).
import { homedir } from 'node:os';
import { isSet, resolveConfig, settingValue, type ResolvedConfig } from '../engine/config/index.js';

let resolved: ResolvedConfig | undefined;

/** The configuration in force for this command (read on first use; its warnings go to stderr then). */
export function config(): ResolvedConfig {
  if (resolved === undefined) {
    resolved = resolveConfig({ env: process.env, cwd: process.cwd(), home: homedir() });
    for (const w of resolved.warnings) process.stderr.write(`[WARNING]: ${w}\n`);
    exportToEnvironment(resolved);
  }
  return resolved;
}

/**
 * Settings that kplay reads from the environment, where Ansible's own variables are looked for (host key checking,
 * colour, the vault password file): a value from ansible.cfg is put there when the variable is not set, so the
 * environment still ranks above the file.
 */
function exportToEnvironment(c: ResolvedConfig): void {
  const exported: Readonly<Record<string, string>> = {
    HOST_KEY_CHECKING: 'ANSIBLE_HOST_KEY_CHECKING',
    ANSIBLE_NOCOLOR: 'ANSIBLE_NOCOLOR',
    ANSIBLE_FORCE_COLOR: 'ANSIBLE_FORCE_COLOR',
    DEFAULT_VAULT_PASSWORD_FILE: 'ANSIBLE_VAULT_PASSWORD_FILE',
  };
  for (const [name, variable] of Object.entries(exported)) {
    const s = c.settings.get(name);
    if (s === undefined || s.origin === 'default' || s.origin.startsWith('env: ') || s.value === undefined) continue;
    process.env[variable] = typeof s.value === 'boolean' ? (s.value ? 'True' : 'False') : String(s.value);
  }
}

/** -i as given, else the inventory ansible.cfg or ANSIBLE_INVENTORY names, else none (kplay's own default then). */
export function inventoryFromConfig(given: readonly string[]): string[] {
  if (given.length > 0) return [...given];
  const c = config();
  return isSet(c, 'DEFAULT_HOST_LIST') ? [...(settingValue(c, 'DEFAULT_HOST_LIST') as readonly string[])] : [];
}

/** A setting's value when the environment or ansible.cfg set it (else undefined: the caller's default holds). */
export function configured<T>(name: string): T | undefined {
  const c = config();
  return isSet(c, name) ? (settingValue(c, name) as T) : undefined;
}
