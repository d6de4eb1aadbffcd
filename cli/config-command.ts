// `kplay config dump [--only-changed]`: the settings in force and where each comes from, as `ansible-config dump`.
import type { Command } from 'commander';
import { dumpConfig } from '../engine/config/index.js';
import { config } from './config.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('the ansible.cfg / ANSIBLE_* settings kplay reads, as ansible-config shows them')
    .command('dump')
    .description('every setting kplay knows, with its origin: (default), (env: NAME) or the ansible.cfg path')
    .option('--only-changed', 'only the settings that are not at their default')
    .action((flags: { onlyChanged?: boolean }) => {
      process.stdout.write(dumpConfig(config(), flags.onlyChanged === true));
    });
}
