// The run store's options on `kplay run`, `history` and `report`: a table only, so that the commands' option parsing
// does not load the store, the reporters and their libraries (`kplay --version` loads this, not them).
import type { FlagsOf, OptionTable } from './option-table.js';

export const STORE_OPTIONS = {
  record: { flags: '--no-record', kind: 'negated', usage: '[--no-record]', help: 'do not record this run in the run store (kplay history)' },
  store: { flags: '--store <file|url>', kind: 'value', usage: '[--store FILE|URL]', help: 'the run store, an SQLite file or postgres://... (default: $KPLAY_RUN_STORE, ansible.cfg [kplay] run_store, else ~/.local/share/kplay/runs.sqlite)' },
} as const satisfies OptionTable;

export type StoreFlags = FlagsOf<typeof STORE_OPTIONS>;
