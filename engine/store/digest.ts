// Digests of what a run read, so two runs of the "same" playbook tell whether its content changed: the playbook
// file, and the inventory sources (a file's content, a directory's files in name order, else the source text as
// given, such as a host list "h1,h2,").
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** past these, a directory's content is left out (symlink loops, a home directory given by mistake) */
const MAX_FILES = 2000;
const MAX_DEPTH = 8;

export function fileDigest(path: string): string {
  const hash = createHash('sha256');
  addPath(hash, path, { files: 0 }, 0);
  return hash.digest('hex');
}

export function sourcesDigest(sources: readonly string[]): string {
  const hash = createHash('sha256');
  const budget = { files: 0 };
  for (const source of sources) {
    hash.update(`\0source\0${source}\0`);
    addPath(hash, source, budget, 0);
  }
  return hash.digest('hex');
}

function addPath(hash: Hash, path: string, budget: { files: number }, depth: number): void {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return; // not a path: the source text itself is what was read
  }
  if (!isDir) {
    budget.files++;
    if (budget.files > MAX_FILES) return;
    try {
      hash.update(readFileSync(path));
    } catch {
      hash.update('\0unreadable\0');
    }
    return;
  }
  if (depth >= MAX_DEPTH) return;
  let names: string[];
  try {
    names = readdirSync(path).sort();
  } catch {
    return;
  }
  for (const name of names) {
    hash.update(`\0entry\0${name}\0`);
    addPath(hash, join(path, name), budget, depth + 1);
  }
}
