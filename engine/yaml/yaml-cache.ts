// The parsed YAML files of one run or load, carried by its async context (withYamlCache): a file is read once per
// run, and two runs in one process keep their own (they may read the same path with different vault passwords).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { InputErrors } from '../core/errors.js';
import type { Keyring } from '../vault/keyring.js';
import type { YamlSource } from './load.js';

export interface CachedYaml {
  readonly mtimeMs: number;
  readonly size: number;
  /** the vault passwords it was read with: other passwords may decrypt it otherwise */
  readonly keyring: Keyring;
  readonly result: YamlSource | InputErrors;
}

export class YamlCache {
  private readonly files = new Map<string, CachedYaml>();

  get(abs: string): CachedYaml | undefined {
    return this.files.get(abs);
  }

  set(abs: string, entry: CachedYaml): void {
    this.files.set(abs, entry);
  }
}

const scope = new AsyncLocalStorage<YamlCache>();

/** Runs `fn` (and everything it awaits or starts) with this cache. */
export function withYamlCache<T>(cache: YamlCache, fn: () => T): T {
  return scope.run(cache, fn);
}

/** The cache of the run or load this code belongs to; outside one, a fresh one each time (nothing kept). */
export function currentYamlCache(): YamlCache {
  return scope.getStore() ?? new YamlCache();
}
