// vars_prompt: the questions of a play, asked once when it starts (before its hosts are touched), as
// ansible-playbook 2.14's PlaybookExecutor and Display.do_var_prompt do.
import { dict, hasKey } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import type { Play, Vars, VarPrompt } from '../playbook/model.js';
import { pyStr, render, UnsafeText } from '../template/index.js';
import { cryptHash } from '../template/sha-crypt.js';
import { buildTaskVars } from '../vars/index.js';
import type { RunOptions, VarQuestion } from './options.js';

export interface PromptedVars {
  /** the answers, by variable name: they join the play's vars */
  readonly vars: Vars;
  /** some question was not asked for want of a terminal (Ansible warns "Not prompting...") */
  readonly notInteractive: boolean;
}

export const NOT_INTERACTIVE_WARNING = 'Not prompting as we are not in interactive mode';

/**
 * A name given with -e is not asked. Prompt and default are templates, rendered with the play's variables first.
 * An empty answer, or none (no terminal), takes the default; without a default the value is the string "None"
 * (Ansible's to_text of its None). Every answer is a string; `unsafe` ones are never rendered.
 */
export async function askVarsPrompt(play: Play, options: Pick<RunOptions, 'extraVars' | 'askVar'>): Promise<PromptedVars> {
  const vars: Vars = dict();
  let notInteractive = false;
  const context = promptContext(play, options.extraVars);
  for (const q of play.varsPrompt) {
    if (hasKey(options.extraVars, q.name)) continue;
    const where = { loc: q.loc, task: `vars_prompt ${q.name}` };
    const fallback = q.default === undefined ? undefined : pyStr(render(q.default, context, where));
    const ask = options.askVar;
    if (ask === undefined) notInteractive = true;
    const answer = ask === undefined ? '' : await ask(questionOf(q, render(q.prompt ?? q.name, context, where), fallback));
    const given = answer === '' ? (fallback ?? (ask === undefined ? 'None' : '')) : answer;
    const value = q.encrypt === undefined ? given : hashed(given, q.encrypt, q.loc);
    vars[q.name] = q.unsafe ? new UnsafeText(value) : value;
  }
  return { vars, notInteractive };
}

/** Ansible's do_encrypt of the answer; a salt kplay cannot use is an error at the prompt's line. */
function hashed(answer: string, encrypt: NonNullable<VarPrompt['encrypt']>, loc: VarPrompt['loc']): string {
  const h = cryptHash(answer, encrypt.scheme, { salt: encrypt.salt, saltSize: encrypt.saltSize });
  if (typeof h !== 'string') throw new InputError(`vars_prompt: ${h.error}`, { loc });
  return h;
}

/** What the prompts' templates see: the play's own variables and -e (there is no host yet). */
function promptContext(play: Play, extraVars: Vars): Vars {
  const vars = buildTaskVars({ roleDefaults: [play.roleDefaults], play: play.vars, varsFiles: play.varsFiles, roleVars: [play.roleVars], extra: extraVars });
  vars.playbook_dir = play.baseDir;
  return vars;
}

/** Ansible's wording: `Prompt [default]: `, `Prompt: `, or for an empty prompt `input for NAME: `. */
export function questionOf(q: VarPrompt, prompt: unknown, fallback: string | undefined): VarQuestion {
  const text = pyStr(prompt);
  if (text === '') return { text: `input for ${q.name}: `, private: q.private, confirm: q.confirm };
  return { text: fallback === undefined ? `${text}: ` : `${text} [${fallback}]: `, private: q.private, confirm: q.confirm };
}
