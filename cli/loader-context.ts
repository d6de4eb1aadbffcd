// One run's (or one load's) loader context: its vault keyring and its YAML cache, carried by the async context of
// the command's work rather than by module globals, so two runs in one process keep their own.
import { Keyring, withKeyring } from '../engine/vault/keyring.js';
import { withYamlCache, YamlCache } from '../engine/yaml/yaml-cache.js';

/** Runs `fn` with this keyring and a fresh YAML cache. */
export function inLoaderContext<T>(keyring: Keyring, fn: () => T): T {
  return withKeyring(keyring, () => withYamlCache(new YamlCache(), fn));
}

export { Keyring };
