// vars_prompt's rules as data: which questions are asked, their wording, and the values the play gets.
import { describe, expect, it } from 'vitest';
import type { Play, VarPrompt } from '../../../engine/playbook/model.js';
import type { VarQuestion } from '../../../engine/run/options.js';
import { askVarsPrompt, questionOf } from '../../../engine/run/vars-prompt.js';
import { isUnsafe } from '../../../engine/template/index.js';

const loc = { file: 'p.yml', line: 1, col: 1 };
const prompt = (name: string, more: Partial<VarPrompt> = {}): VarPrompt => ({ name, private: true, confirm: false, unsafe: false, loc, ...more });
const play = (varsPrompt: VarPrompt[], vars: Record<string, unknown> = {}): Play =>
  ({ name: 'p', varsPrompt, vars, varsFiles: [], roleDefaults: {}, roleVars: {}, baseDir: '/pb' }) as unknown as Play;

describe('questionOf (Ansible\'s wording)', () => {
  it('shows the default in brackets, the name when there is no prompt text', () => {
    expect(questionOf(prompt('a'), 'Give a', 'x').text).toBe('Give a [x]: ');
    expect(questionOf(prompt('a'), 'Give a', undefined).text).toBe('Give a: ');
    expect(questionOf(prompt('a'), '', undefined).text).toBe('input for a: ');
  });
  it('carries private and confirm', () => {
    expect(questionOf(prompt('a', { private: false, confirm: true }), 'A', undefined)).toMatchObject({ private: false, confirm: true });
  });
});

describe('askVarsPrompt', () => {
  it('without a terminal: the default (rendered, as a string), else "None"', async () => {
    const p = play([prompt('a', { default: '{{ base }}-x' }), prompt('b'), prompt('n', { default: 5 }), prompt('t', { default: true })], { base: 'from-play' });
    expect(await askVarsPrompt(p, { extraVars: {} })).toEqual({ vars: { a: 'from-play-x', b: 'None', n: '5', t: 'True' }, notInteractive: true });
  });

  it('skips a name given with -e, without asking', async () => {
    const asked: string[] = [];
    const askVar = (q: VarQuestion) => (asked.push(q.text), Promise.resolve('typed'));
    const out = await askVarsPrompt(play([prompt('a', { prompt: 'A' }), prompt('b', { prompt: 'B' })]), { extraVars: { a: 'from-e' }, askVar });
    expect(asked).toEqual(['B: ']);
    expect(out).toEqual({ vars: { b: 'typed' }, notInteractive: false });
  });

  it('on a terminal: an empty answer takes the default, or stays empty without one', async () => {
    const askVar = () => Promise.resolve('');
    const out = await askVarsPrompt(play([prompt('a', { default: 'd' }), prompt('b')]), { extraVars: {}, askVar });
    expect(out.vars).toEqual({ a: 'd', b: '' });
  });

  it('renders the prompt text with -e and marks unsafe answers', async () => {
    const asked: string[] = [];
    const askVar = (q: VarQuestion) => (asked.push(q.text), Promise.resolve('{{ not_rendered_later }}'));
    const out = await askVarsPrompt(play([prompt('a', { prompt: 'Name for {{ env }}', unsafe: true })]), { extraVars: { env: 'prod' }, askVar });
    expect(asked).toEqual(['Name for prod: ']);
    expect(isUnsafe(out.vars.a)).toBe(true);
  });
});
