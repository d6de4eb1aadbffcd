// Play keywords written as templates, rendered as the play starts with the play's variables and the extra vars.
import { describe, expect, it } from 'vitest';
import type { Play } from '../../../engine/playbook/model.js';
import { renderPlayKeywords } from '../../../engine/run/play-keywords.js';

const loc = { file: 'play.yml', line: 1, col: 3 };
const play = (p: Partial<Play>): Play =>
  ({ name: 'p', loc, hosts: 'all', vars: {}, varsPrompt: [], varsFiles: [], roleDefaults: {}, roleVars: {}, gatherFacts: false, serial: [], strategy: 'linear', order: 'inventory', forceHandlers: false, tags: [], preTasks: [], tasks: [], postTasks: [], handlers: [], baseDir: '.', ...p });
const run = (extraVars: Record<string, unknown> = {}) => ({ options: { extraVars, check: false, diff: false }, groups: { all: ['h1', 'h2'], web: ['h1'] } }) as unknown as Parameters<typeof renderPlayKeywords>[0];

describe('renderPlayKeywords', () => {
  it('a play without templates is returned as it is', () => {
    const p = play({ serial: [2] });
    expect(renderPlayKeywords(run(), p)).toBe(p);
  });
  it('serial: a default, a list, play vars below extra vars', () => {
    expect(renderPlayKeywords(run(), play({ serial: ["{{ serial | default('20%') }}"] })).serial).toEqual(['20%']);
    expect(renderPlayKeywords(run(), play({ serial: ["{{ [1, '50%'] }}"] })).serial).toEqual([1, '50%']);
    expect(renderPlayKeywords(run({ n: 3 }), play({ serial: ['{{ n }}'], vars: { n: 1 } })).serial).toEqual([3]);
    expect(renderPlayKeywords(run(), play({ serial: ["{{ groups['web'] | length }}"] })).serial).toEqual(['1']);
  });
  it('serial reading an undefined variable stops the run with Ansible\'s words', () => {
    expect(() => renderPlayKeywords(run(), play({ serial: ['{{ size }}'] }))).toThrow("The field 'serial' has an invalid value, which includes an undefined variable.");
  });
  it('max_fail_percentage: float() of the value, a % dropped', () => {
    const t = (text: string) => play({ maxFailTemplate: { text, loc } });
    expect(renderPlayKeywords(run({ m: '25%' }), t('{{ m }}')).maxFailPercentage).toBe(25);
    expect(renderPlayKeywords(run({ m: 12.5 }), t('{{ m }}')).maxFailPercentage).toBe(12.5);
    expect(() => renderPlayKeywords(run({ m: 'many' }), t('{{ m }}'))).toThrow("could not be converted to an percent.The error was: could not convert string to float: 'many'");
  });
  it('gather_facts: a strict boolean, from play vars and extra vars; anything else in Ansible\'s words', () => {
    const t = (text: string, vars: Record<string, unknown> = {}) => play({ gatherFacts: true, gatherFactsTemplate: { text, loc }, vars });
    expect(renderPlayKeywords(run(), t('{{ g | default(false) }}')).gatherFacts).toBe(false);
    expect(renderPlayKeywords(run(), t('{{ g }}', { g: 'yes' })).gatherFacts).toBe(true);
    expect(renderPlayKeywords(run({ g: 'no' }), t('{{ g }}', { g: 'yes' })).gatherFacts).toBe(false);
    expect(() => renderPlayKeywords(run({ g: 'maybe' }), t('{{ g }}'))).toThrow("the field 'gather_facts' has an invalid value ({{ g }}), and could not be converted to an bool.The error was: The value 'maybe' is not a valid boolean.");
    expect(() => renderPlayKeywords(run(), t('{{ g }}'))).toThrow("The field 'gather_facts' has an invalid value, which includes an undefined variable.");
  });
});
