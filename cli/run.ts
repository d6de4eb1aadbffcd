// `kplay run`: its options; the work (cli/run-command.ts) is loaded only when the command runs.
import type { Command } from 'commander';
import { collect, collectCsv } from './repeatable.js';
import { addVaultOptions, type VaultFlags } from './vault-options.js';
import { addConnectionOptions, type ConnectionFlags } from './run-connection-options.js';
import { addAnsibleOnlyOptions, type AnsibleOnlyFlags } from './run-ansible-only-options.js';

export interface RunFlags extends ConnectionFlags, AnsibleOnlyFlags, VaultFlags {
  inventory: string[];
  extraVars: string[];
  limit?: string;
  tags: string[];
  skipTags: string[];
  check?: boolean;
  diff?: boolean;
  forks: string;
  json?: boolean;
  verbose: number;
  user?: string;
  privateKey?: string;
  listHosts?: boolean;
  listTasks?: boolean;
  listTags?: boolean;
  syntaxCheck?: boolean;
  startAtTask?: string;
  forceHandlers?: boolean;
  step?: boolean;
  become?: boolean;
  becomeUser?: string;
  askBecomePass?: boolean;
  live?: boolean;
  persist?: string;
}


export function registerRunCommand(program: Command): void {
  const run = program
    .command('run')
    .description('run a playbook against an inventory')
    .argument('<playbook>', 'the playbook file')
    .option('-i, --inventory <source>', 'inventory file or directory (repeatable)', collect, [])
    .option('-e, --extra-vars <vars>', 'KEY=VALUE pairs, a JSON object, or @file (repeatable)', collect, [])
    .option('-l, --limit <pattern>', 'limit the run to hosts matching this pattern')
    .option('-t, --tags <tags>', 'only tasks with these tags', collectCsv, [])
    .option('--skip-tags <tags>', 'skip tasks with these tags', collectCsv, [])
    .option('-C, --check', 'predict changes without making them')
    .option('-D, --diff', 'show the differences in changed files')
    .option('-f, --forks <n>', 'hosts worked on at once', '50')
    .option('--json', 'one JSON event per line on stdout')
    .option('-v, --verbose', 'more output (-vvv: connection level)', (_v: string, prev: number) => prev + 1, 0)
    .option('-u, --user <user>', 'connect as this user (when the inventory does not say)')
    .option('--private-key <file>', 'SSH private key file')
    .option('-b, --become', 'run tasks with sudo (unless a play, task or variable says otherwise)')
    .option('--become-user <user>', 'the user to become (default root)')
    .option('-K, --ask-become-pass', 'ask for the sudo password once, before the run')
    .option('--list-hosts', 'list the hosts each play would run on, then exit')
    .option('--list-tasks', 'list the tasks of each play, then exit')
    .option('--list-tags', 'list the tags of each play\'s tasks, then exit')
    .option('--syntax-check', 'validate the playbook, then exit')
    .option('--start-at-task <name>', 'start at the task with this name')
    .option('--force-handlers', 'run notified handlers even on hosts that failed')
    .option('--step', 'ask before each task: (N)o/(y)es/(c)ontinue (answers from standard input, terminal or not)')
    .option('--persist <seconds>', 'keep SSH connections open this long after the run for the next one (as ControlPersist; default: $KPLAY_PERSIST, else 0 = off)')
    .option('--no-live', 'plain line output even on a terminal')
    .action(async (playbook: string, flags: RunFlags) => {
      const { runCommand } = await import('./run-command.js');
      process.exitCode = await runCommand(playbook, flags);
    });
  // the options an Ansible user knows from ansible-playbook, each in the file of its concern
  addConnectionOptions(run);
  addAnsibleOnlyOptions(run);
  addVaultOptions(run);
}
