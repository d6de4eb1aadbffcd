// `kplay validate PLAYBOOK [-i INVENTORY]...`: every problem of the playbook (and inventory), located, before
// any host is touched. Exit 0 with "playbook OK", or 5 after printing each problem with a code frame.
import { settingValue } from '../engine/config/index.js';
import { config, inventoryFromConfig } from './config.js';
import type { Command } from 'commander';
import { InputError, InputErrors } from '../engine/core/errors.js';
import { readInputText } from '../engine/core/input-file.js';
import { formatProblem } from '../engine/validate/format.js';
import { decryptFileText } from '../engine/vault/vault-file.js';
import { NO_VAULT, type Keyring } from '../engine/vault/keyring.js';
import { escapeControls } from '../engine/report/terminal.js';
import { collect } from './repeatable.js';
import { addVaultOptions, setupVault, type VaultFlags } from './vault-options.js';


/** The problems an input error carries (one, or many); anything else is not a user's mistake and is rethrown. */
function problemsOf(err: unknown): InputError[] {
  if (err instanceof InputErrors) return [...err.problems];
  if (err instanceof InputError) return [err];
  throw err;
}

/** Every problem of the playbook and of the inventory sources, in that order. */
export async function validateRun(playbook: string, inventorySources: readonly string[], warnings?: InputError[], keyring: Keyring = NO_VAULT): Promise<InputError[]> {
  // loaded here, not at start-up: printing an error (cli/exit.ts) needs formatProblems only
  const [{ loadPlaybook }, { loadInventory, resolveInventorySources, withPlaybookDir }, { YamlFiles }] = await Promise.all([
    import('../engine/playbook/index.js'),
    import('../engine/inventory/index.js'),
    import('../engine/yaml/load.js'),
  ]);
  const problems: InputError[] = [];
  try {
    await loadPlaybook(playbook, { rolesPath: settingValue(config(), 'DEFAULT_ROLES_PATH') as readonly string[] | undefined, warnings, files: new YamlFiles(keyring) });
  } catch (err) {
    problems.push(...problemsOf(err));
  }
  try {
    // the inventory's group_vars/ and host_vars/ and those beside the playbook: all read now (withPlaybookDir)
    withPlaybookDir(await loadInventory(resolveInventorySources(inventorySources, process.cwd()), process.cwd(), keyring), playbook, keyring);
  } catch (err) {
    problems.push(...problemsOf(err));
  }
  return problems;
}

function readSource(file: string, cache: Map<string, string | undefined>, keyring: Keyring): string | undefined {
  if (!cache.has(file)) {
    try {
      const text = readInputText(file);
      // a problem in a vault-encrypted file is located in its plaintext (a wrong password: at the header)
      cache.set(file, tryDecrypt(text, file, keyring));
    } catch {
      cache.set(file, undefined);
    }
  }
  return cache.get(file);
}

function tryDecrypt(text: string, file: string, keyring: Keyring): string {
  try {
    return decryptFileText(text, file, keyring);
  } catch {
    return text;
  }
}

/** Each warning with its code frame (they do not stop the run). */
export function formatWarnings(warnings: readonly InputError[], keyring: Keyring = NO_VAULT): string {
  const cache = new Map<string, string | undefined>();
  return warnings.map((w) => `${escapeControls(`WARNING: ${formatProblem(w, w.loc ? readSource(w.loc.file, cache, keyring) : undefined)}`)}\n\n`).join('');
}

/** Each problem with its code frame, blank-line separated, and a count; control characters in input shown escaped. */
export function formatProblems(problems: readonly InputError[], keyring: Keyring = NO_VAULT): string {
  const cache = new Map<string, string | undefined>();
  const blocks = problems.map((p) => escapeControls(`ERROR: ${formatProblem(p, p.loc ? readSource(p.loc.file, cache, keyring) : undefined)}`));
  return `${blocks.join('\n\n')}\n\n${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was run.\n`;
}

export function registerValidateCommand(program: Command): void {
  const command = program
    .command('validate')
    .description('check a playbook (and its inventory) without touching any host: every problem, with file:line:col')
    .argument('<playbook>', 'the playbook file')
    .option('-i, --inventory <source>', 'inventory file, directory or host list (repeatable)', collect, []);
  addVaultOptions(command).action(async (playbook: string, flags: { inventory: string[] } & VaultFlags) => {
    const keyring = await setupVault(flags);
    const warnings: InputError[] = [];
    const problems = await validateRun(playbook, inventoryFromConfig(flags.inventory), warnings, keyring);
    process.stderr.write(formatWarnings(warnings, keyring));
    if (problems.length === 0) {
      process.stdout.write('playbook OK\n');
      return;
    }
    process.stderr.write(formatProblems(problems, keyring));
    process.exitCode = 5;
  });
}
