// `kplay run`'s options, declared once (cli/option-table.ts): commander's flags, the parsed type, the README's synopsis.
import { synopsis, type FlagsOf, type OptionTable } from './option-table.js';
import { VAULT_OPTIONS } from './vault-options.js';
import { CONNECTION_OPTIONS } from './run-connection-options.js';
import { ANSIBLE_ONLY_OPTIONS } from './run-ansible-only-options.js';
import { SLICE_OPTIONS } from './run-slice-options.js';
import { STORE_OPTIONS } from './store-options.js';

export const RUN_OPTIONS = {
  inventory: { flags: '-i, --inventory <source>', kind: 'repeat', usage: '[-i INVENTORY]...', help: 'inventory file or directory (repeatable)' },
  extraVars: { flags: '-e, --extra-vars <vars>', kind: 'repeat', usage: '[-e KEY=VALUE | -e @vars.yml]...', help: 'KEY=VALUE pairs, a JSON object, or @file (repeatable)' },
  limit: { flags: '-l, --limit <pattern>', kind: 'value', usage: '[-l|--limit PATTERN]', help: 'limit the run to hosts matching this pattern' },
  tags: { flags: '-t, --tags <tags>', kind: 'csv', usage: '[-t|--tags T,..]', help: 'only tasks with these tags' },
  skipTags: { flags: '--skip-tags <tags>', kind: 'csv', usage: '[--skip-tags T,..]', help: 'skip tasks with these tags' },
  check: { flags: '-C, --check', kind: 'flag', usage: '[-C|--check]', help: 'predict changes without making them' },
  diff: { flags: '-D, --diff', kind: 'flag', usage: '[-D|--diff]', help: 'show the differences in changed files' },
  forks: { flags: '-f, --forks <n>', kind: 'value', usage: '[-f|--forks N]', help: 'hosts worked on at once (default: forks in ansible.cfg or ANSIBLE_FORKS, else 50)' },
  json: { flags: '--json', kind: 'flag', usage: '[--json]', help: 'one JSON event per line on stdout' },
  verbose: { flags: '-v, --verbose', kind: 'count', usage: '[-v..]', help: 'more output (-vvv: connection level)' },
  user: { flags: '-u, --user <user>', kind: 'value', usage: '[-u|--user USER]', help: 'connect as this user (when the inventory does not say)' },
  privateKey: { flags: '--private-key <file>', kind: 'value', usage: '[--private-key FILE]', help: 'SSH private key file' },
} as const satisfies OptionTable;

export const BECOME_OPTIONS = {
  become: { flags: '-b, --become', kind: 'flag', usage: '[-b|--become]', help: 'run tasks with sudo (unless a play, task or variable says otherwise)' },
  becomeUser: { flags: '--become-user <user>', kind: 'value', usage: '[--become-user USER]', help: 'the user to become (default root)' },
  askBecomePass: { flags: '-K, --ask-become-pass', kind: 'flag', usage: '[-K|--ask-become-pass]', help: 'ask for the sudo password once, before the run' },
} as const satisfies OptionTable;

const FLOW_OPTIONS = {
  listHosts: { flags: '--list-hosts', kind: 'flag', usage: '[--list-hosts]', help: 'list the hosts each play would run on, then exit' },
  listTasks: { flags: '--list-tasks', kind: 'flag', usage: '[--list-tasks]', help: 'list the tasks of each play, then exit' },
  listTags: { flags: '--list-tags', kind: 'flag', usage: '[--list-tags]', help: "list the tags of each play's tasks, then exit" },
  syntaxCheck: { flags: '--syntax-check', kind: 'flag', usage: '[--syntax-check]', help: 'validate the playbook, then exit' },
  startAtTask: { flags: '--start-at-task <name>', kind: 'value', usage: '[--start-at-task NAME]', help: 'start at the task with this name' },
  step: { flags: '--step', kind: 'flag', usage: '[--step]', help: 'ask before each task: (N)o/(y)es/(c)ontinue (answers from standard input, terminal or not)' },
  forceHandlers: { flags: '--force-handlers', kind: 'flag', usage: '[--force-handlers]', help: 'run notified handlers even on hosts that failed' },
} as const satisfies OptionTable;

const OUTPUT_OPTIONS = {
  live: { flags: '--no-live', kind: 'negated', usage: '[--no-live]', help: 'plain line output even on a terminal' },
  jsonFile: { flags: '--json-file <file>', kind: 'value', usage: '[--json-file FILE]', help: 'also write the events as NDJSON to this file (the human output stays on the terminal)' },
  junit: { flags: '--junit <file>', kind: 'value', usage: '[--junit FILE]', help: "also write a JUnit XML report to this file, as Ansible's junit callback (CI)" },
  persist: {
    flags: '--persist <seconds>',
    kind: 'value',
    usage: '[--persist SECONDS]',
    help: 'keep SSH connections open this long after the run for the next one (as ControlPersist; default: $KPLAY_PERSIST, else 0 = off)',
  },
} as const satisfies OptionTable;

/** Every option of `kplay run`, in the order the help and the README's synopsis show them. */
export const RUN_OPTION_TABLES = [RUN_OPTIONS, CONNECTION_OPTIONS, BECOME_OPTIONS, VAULT_OPTIONS, FLOW_OPTIONS, ANSIBLE_ONLY_OPTIONS, OUTPUT_OPTIONS, STORE_OPTIONS, SLICE_OPTIONS] as const;

export type RunFlags = FlagsOf<typeof RUN_OPTIONS> &
  FlagsOf<typeof CONNECTION_OPTIONS> &
  FlagsOf<typeof BECOME_OPTIONS> &
  FlagsOf<typeof VAULT_OPTIONS> &
  FlagsOf<typeof FLOW_OPTIONS> &
  FlagsOf<typeof ANSIBLE_ONLY_OPTIONS> &
  FlagsOf<typeof OUTPUT_OPTIONS> &
  FlagsOf<typeof STORE_OPTIONS> &
  FlagsOf<typeof SLICE_OPTIONS>;

/** The README's synopsis of `kplay run` (test/unit/cli/run-options.test.ts holds the README to it). */
export const runSynopsis = (): string => synopsis('kplay run PLAYBOOK', RUN_OPTION_TABLES);
