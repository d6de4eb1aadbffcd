// Which labs exist on this machine (in /run, gone with a reboot like the namespaces) and each lab's state file.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../engine/core/errors.js';
import { REGISTRY_DIR } from './names.js';
import type { LabState } from './types.js';

export interface RegistryEntry {
  name: string;
  dir: string;
  subnet: string;
  prefix: number;
}

export function registryEntries(): RegistryEntry[] {
  if (!existsSync(REGISTRY_DIR)) return [];
  return readdirSync(REGISTRY_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(REGISTRY_DIR, f), 'utf8')) as RegistryEntry);
}

export function registryEntry(name: string): RegistryEntry | undefined {
  const p = join(REGISTRY_DIR, `${name}.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RegistryEntry) : undefined;
}

export function register(entry: RegistryEntry): void {
  mkdirSync(REGISTRY_DIR, { recursive: true });
  writeAtomic(join(REGISTRY_DIR, `${entry.name}.json`), JSON.stringify(entry));
}

export function unregister(name: string): void {
  rmSync(join(REGISTRY_DIR, `${name}.json`), { force: true });
}

export function writeAtomic(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

const statePath = (dir: string): string => join(dir, 'state.json');

export function readState(dir: string): LabState | undefined {
  const p = statePath(dir);
  if (!existsSync(p)) return undefined;
  const state = JSON.parse(readFileSync(p, 'utf8')) as LabState;
  if (state.version !== 1) throw new LabError(`${p}: unknown lab state version ${String(state.version)}`);
  return state;
}

export function writeState(state: LabState): void {
  writeAtomic(statePath(state.dir), `${JSON.stringify(state, null, 2)}\n`);
}
