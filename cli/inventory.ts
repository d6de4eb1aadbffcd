// `kplay inventory -i INV... (--list | --graph [GROUP] | --host HOST)`: ansible-inventory's output, byte for byte where practical.
import type { Command } from 'commander';
import { InputError } from '../engine/core/errors.js';
import { inventoryFromConfig } from './config.js';
import { escapeControls } from '../engine/report/terminal.js';
import { collect } from './repeatable.js';
import { addVaultOptions, setupVault, type VaultFlags } from './vault-options.js';

interface InventoryFlags extends VaultFlags {
  inventory: string[];
  list?: boolean;
  graph?: boolean;
  host?: string;
  vars?: boolean;
  export?: boolean;
}


export function registerInventoryCommand(program: Command): void {
  const command = program
    .command('inventory')
    .description("show an inventory as Ansible reads it (ansible-inventory's output)")
    .argument('[group]', 'with --graph: the group to start from')
    .option('-i, --inventory <source>', 'inventory file, directory or host list (repeatable)', collect, [])
    .option('--list', 'all hosts and groups as JSON, with every host\'s variables')
    .option('--graph', 'the group tree')
    .option('--host <host>', "one host's variables as JSON")
    .option('--vars', 'with --graph: show variables')
    .option('--export', 'with --list: group variables under their groups, as ansible-inventory --export');
  addVaultOptions(command).action(async (group: string | undefined, flags: InventoryFlags) => {
    const actions = [flags.list, flags.graph, flags.host !== undefined].filter(Boolean).length;
    if (actions === 0) throw new InputError('No action selected, at least one of --host, --graph or --list needs to be specified.');
    if (actions > 1) throw new InputError('Conflicting options used, only one of --host, --graph or --list can be used at the same time.');
    // group_vars, host_vars and the inventory itself may be vault-encrypted; a `!vault` value is printed encrypted,
    // as ansible-inventory prints it
    const keyring = await setupVault(flags, 'keep');
    const { loadInventory, resolveInventorySources } = await import('../engine/inventory/index.js');
    const inventory = await loadInventory(resolveInventorySources(inventoryFromConfig(flags.inventory), process.cwd()), process.cwd(), keyring);
    for (const w of inventory.warnings) process.stderr.write(escapeControls(`[WARNING]: ${w}\n`));
    let out: string;
    if (flags.host !== undefined) out = inventory.hostJson(flags.host);
    else if (flags.graph) out = inventory.graph(group ?? 'all', flags.vars === true);
    else out = inventory.listJson({ export: flags.export === true });
    // names from the inventory, shown escaped (a no-op on the JSON forms' meaning: they stay valid JSON)
    process.stdout.write(escapeControls(out) + '\n');
  });
}
