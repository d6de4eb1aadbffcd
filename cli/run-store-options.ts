// The run store behind its options (store-options.ts): recording is on by default; --no-record turns it off for one
// run and --store names another file (else KPLAY_RUN_STORE, ansible.cfg [kplay] run_store, or the user's data directory).
import { userInfo } from 'node:os';
import type { Reporter } from '../engine/core/events.js';
import type { Secret } from '../engine/core/secret.js';
import { runStoreSettings } from '../engine/config/kplay.js';
import { fileDigest, liveScrubber, openStore, recordedCommandLine, sourcesDigest, StoreRecorder } from '../engine/store/index.js';
import { escapeControls } from '../engine/report/index.js';
import type { Keyring } from '../engine/vault/keyring.js';
import { config } from './config.js';
import type { StoreFlags } from './store-options.js';

/** The store for a command that reads it (history, report): a file, or a PostgreSQL URL. */
export function storePath(flags: StoreFlags): string {
  return flags.store ?? runStoreSettings(config(), process.env, process.cwd()).path;
}

export interface RecordingOf {
  readonly runId: string;
  readonly playbook: string;
  readonly inventorySources: readonly string[];
  readonly passwords: readonly (Secret | undefined)[];
  /** the run's vault passwords: never stored either */
  readonly keyring: Keyring;
}

/** A reporter recording this run, or undefined when recording is off or the store cannot be opened (said once). */
export async function recorderFor(flags: StoreFlags, run: RecordingOf): Promise<Reporter | undefined> {
  const settings = runStoreSettings(config(), process.env, process.cwd());
  if (flags.record === false || (!settings.record && flags.store === undefined)) return undefined;
  const path = flags.store ?? settings.path;
  const warn = (msg: string) => process.stderr.write(escapeControls(`[WARNING]: ${msg}\n`));
  try {
    const store = await openStore(path);
    const secrets = [...run.passwords, ...run.keyring.secrets.map((v) => v.password)].filter((s): s is Secret => s !== undefined).map((s) => s.reveal());
    return new StoreRecorder(
      store,
      {
        runId: run.runId,
        user: userName(),
        commandLine: recordedCommandLine(process.argv.slice(2)),
        playbookDigest: fileDigest(run.playbook),
        inventoryDigest: sourcesDigest(run.inventorySources),
      },
      liveScrubber(secrets, run.keyring.revealed),
      warn,
    );
  } catch (err) {
    // the run goes on without its record: the hosts' work matters more than its history
    warn(`${(err as Error).message}; this run is not recorded`);
    return undefined;
  }
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? String(process.getuid?.() ?? '');
  }
}
