// `kplay run`'s options are declared once (cli/run.ts's tables): commander reads its flags from them, the flags'
// type comes from them, and the README's synopsis must be the one they give.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import type { OptionTable } from '../../../cli/option-table.js';
import { registerRunCommand } from '../../../cli/run.js';
import { RUN_OPTION_TABLES, runSynopsis } from '../../../cli/run-options.js';

const README = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');

describe('kplay run options', () => {
  it('each table key is the name commander gives the parsed value (so RunFlags types what commander hands over)', () => {
    for (const table of RUN_OPTION_TABLES as readonly OptionTable[]) {
      for (const [key, spec] of Object.entries(table)) expect(new Option(spec.flags).attributeName(), spec.flags).toBe(key);
    }
  });

  it('registers every option of the tables once, and no other', () => {
    const program = new Command();
    registerRunCommand(program);
    const run = program.commands.find((c) => c.name() === 'run');
    const registered = (run?.options ?? []).map((o) => o.attributeName()).sort();
    const declared = RUN_OPTION_TABLES.flatMap((t) => Object.keys(t)).sort();
    expect(registered).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('parses as the kinds say: repeat, csv, count, negated, defaults', () => {
    const program = new Command().exitOverride();
    registerRunCommand(program);
    let got: Record<string, unknown> = {};
    program.commands[0]?.action((_pb: string, flags: Record<string, unknown>) => {
      got = flags;
    });
    program.parse(['node', 'kplay', 'run', 'pb.yml', '-i', 'a', '-i', 'b', '-t', 'x,y', '-t', 'z', '-vvv', '--no-live', '-f', '7'], { from: 'node' });
    expect(got).toMatchObject({ inventory: ['a', 'b'], tags: ['x', 'y', 'z'], verbose: 3, live: false, forks: '7', extraVars: [], vaultId: [] });
  });

  it('the README shows the synopsis the tables give', () => {
    expect(README).toContain(runSynopsis());
  });
});
