// INI lines are split as Python splits them (\v, \f, ...), but errors point where an editor shows the fault.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { loadInventory } from '../../../engine/inventory/index.js';

async function problemAt(text: string): Promise<{ line: number; col: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kplay-inv-loc-')), 'hosts');
  writeFileSync(file, text);
  try {
    await loadInventory([file]);
  } catch (err) {
    if (err instanceof InputError && err.loc) return { line: err.loc.line, col: err.loc.col };
    throw err;
  }
  throw new Error('the inventory loaded');
}

describe('INI inventory error locations', () => {
  it('a vertical tab splits the INI line but not the line an editor counts (found by the fuzzer)', async () => {
    // Python's splitlines() cuts at \v: " - null" is the second INI line, yet line 1 for an editor
    expect(await problemAt('\u000bx - null\n')).toEqual({ line: 1, col: 4 });
  });

  it('a NUL byte is located where an editor shows it', async () => {
    expect(await problemAt('[web]\nh\u00001\n')).toEqual({ line: 2, col: 2 });
  });

  it('plain newlines: the same line either way', async () => {
    expect(await problemAt('[web]\nh1 a b\n')).toEqual({ line: 2, col: 4 });
  });
});
