// kplay completion: the scripts are written from the command tree, so every subcommand and option is in them.
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../../cli/completion.js';
import { buildProgram } from '../../../cli/program.js';
import { RUN_OPTION_TABLES } from '../../../cli/run-options.js';

const program = buildProgram('0.0.0-test');

describe('completion scripts', () => {
  it('bash: every subcommand, and every run option from the option tables', () => {
    const bash = completionScript('bash', program);
    const root = /^ {4}''\) subs='([^']*)'/m.exec(bash)?.[1]?.split(' ') ?? [];
    expect(root).toEqual(expect.arrayContaining(['run', 'adhoc', 'validate', 'inventory', 'lab', 'config', 'doc', 'completion']));
    const runOpts = /^ {4}'run'\) .*opts='([^']*)'/m.exec(bash)?.[1]?.split(' ') ?? [];
    const tables: readonly Readonly<Record<string, { readonly flags: string }>>[] = RUN_OPTION_TABLES;
    for (const table of tables) {
      for (const o of Object.values(table)) for (const f of o.flags.split(/[ ,]+/).filter((w) => w.startsWith('-'))) expect(runOpts, f).toContain(f);
    }
    expect(bash).toMatch(/^ {4}'run'\) .*files='[^']*--inventory[^']*'.*fileargs=1/m);
    expect(bash).toMatch(/^ {4}'lab up'\) /m);
    expect(bash).toMatch(/^ {4}'completion'\) .*choices='bash zsh fish'/m);
    expect(bash).toContain('complete -o filenames -F _kplay kplay');
  });

  it('zsh goes through bashcompinit; fish has a line per option, files where a path is asked', () => {
    expect(completionScript('zsh', program)).toMatch(/^autoload -U \+X bashcompinit && bashcompinit$/m);
    const fish = completionScript('fish', program);
    expect(fish).toMatch(/^complete -c kplay -n '__fish_use_subcommand' -a 'run' -d 'run a playbook/m);
    expect(fish).toMatch(/^complete -c kplay -n '__fish_seen_subcommand_from run' -s i -l inventory -r -F /m);
    expect(fish).toMatch(/^complete -c kplay -n '__fish_seen_subcommand_from run' -s C -l check -d /m);
  });
});
