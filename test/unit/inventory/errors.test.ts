// Broken inventories as data: each must fail with an InputError naming the file, line and column of the fault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { loadInventorySync } from '../../../engine/inventory/index.js';

const corpus = join(import.meta.dirname, '../../corpus/inventories');
const errorsDir = join(corpus, 'errors');

interface ErrorCase {
  readonly file: string;
  /** the file the error must point at, when not the source itself (group_vars/...) */
  readonly at?: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

const cases = JSON.parse(readFileSync(join(corpus, 'errors.json'), 'utf8')) as ErrorCase[];

function failure(source: string): InputError {
  try {
    loadInventorySync([source], errorsDir);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`${source} loaded without an error`);
}

describe('inventory errors name file and line', () => {
  for (const c of cases) {
    it(c.file, () => {
      const err = failure(c.file);
      expect(err.message).toContain(c.message);
      expect(err.loc).toEqual({ file: c.at ?? c.file, line: c.line, col: c.col });
    });
  }
});
