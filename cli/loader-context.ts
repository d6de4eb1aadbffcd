// One run's (or one load's) context: its vault keyring, its YAML cache and its transport caches, carried by the async context of
// the command's work rather than by module globals, so two runs in one process keep their own.
import { Keyring, withKeyring } from '../engine/vault/keyring.js';
import { TransportCaches, withTransportCaches } from '../engine/transport/transport-caches.js';
import { withYamlCache, YamlCache } from '../engine/yaml/yaml-cache.js';

/** Runs `fn` with this keyring, a fresh YAML cache and fresh transport caches. */
export function inLoaderContext<T>(keyring: Keyring, fn: () => T): T {
  return withKeyring(keyring, () => withYamlCache(new YamlCache(), () => withTransportCaches(new TransportCaches(), fn)));
}

export { Keyring };
