// `kplay adhoc`'s options: its own, and the run's target, connection, become and vault options (declared once).
import { synopsis, type FlagsOf, type OptionTable } from './option-table.js';
import { CONNECTION_OPTIONS } from './run-connection-options.js';
import { BECOME_OPTIONS, RUN_OPTIONS } from './run-options.js';
import { VAULT_OPTIONS } from './vault-options.js';

const ADHOC_OPTIONS = {
  moduleName: { flags: '-m, --module-name <name>', kind: 'value', default: 'command', usage: '[-m MODULE]', help: 'the module to run (default command; `kplay doc` lists them)' },
  args: { flags: '-a, --args <args>', kind: 'value', usage: '[-a ARGS]', help: "the module's arguments: key=value pairs, or a command line for command/shell/raw" },
  oneLine: { flags: '-o, --one-line', kind: 'flag', usage: '[-o]', help: 'one line per host' },
  listHosts: { flags: '--list-hosts', kind: 'flag', usage: '[--list-hosts]', help: 'list the hosts the pattern matches, then exit' },
} as const satisfies OptionTable;

const { inventory, extraVars, limit, check, diff, forks, verbose, user, privateKey } = RUN_OPTIONS;
const TARGET_OPTIONS = { inventory, extraVars, limit, check, diff, forks, verbose, user, privateKey } as const satisfies OptionTable;

export const ADHOC_OPTION_TABLES = [ADHOC_OPTIONS, TARGET_OPTIONS, CONNECTION_OPTIONS, BECOME_OPTIONS, VAULT_OPTIONS] as const;

export type AdhocFlags = FlagsOf<typeof ADHOC_OPTIONS> &
  FlagsOf<typeof TARGET_OPTIONS> &
  FlagsOf<typeof CONNECTION_OPTIONS> &
  FlagsOf<typeof BECOME_OPTIONS> &
  FlagsOf<typeof VAULT_OPTIONS>;

export const adhocSynopsis = (): string => synopsis('kplay adhoc PATTERN', ADHOC_OPTION_TABLES);
