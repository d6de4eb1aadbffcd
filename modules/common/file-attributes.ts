// The `attributes` (alias `attr`) file common argument: a path's chattr flags, as Ansible's
// set_attributes_if_different applies them. lsattr reads the flags; when they differ from the letters asked for, or
// the operator is '-', chattr sets them. Ansible compares the letters as a string: '+i' on a file that also has 'e'
// (every file on ext4) differs, so such a task reports changed on every run, and kplay does the same.
import { Type } from '@sinclair/typebox';
import { quote, sh } from '../../engine/core/quote.js';
import type { ProbeOutput, Step } from '../contract.js';
import { aliasOf } from './schema.js';

const DOC =
  "The path's chattr attributes: letters to set exactly ('i'), or to add ('+i') or remove ('-i'). chattr runs when lsattr's letters, as a string, differ from the ones given (as in Ansible: '+i' on a file that also shows 'e' differs, so it runs every time); '-' always runs it.";

export const fileAttributesParams = {
  attributes: Type.Optional(Type.String({ description: DOC })),
  attr: aliasOf('attributes', Type.Optional(Type.String({ description: 'Alias of attributes.' }))),
};

export interface FileAttributesParams {
  readonly attributes?: string | undefined;
  readonly attr?: string | undefined;
}

/** The flag letters chattr or Ansible know; R, V, f, v and p are chattr's options, never flags. */
const LETTERS = /^[aAcCdDeEFhiIjmNPsStTuxXZ]*$/;

/** What a task asks for: chattr's operator and the letters. */
export interface WantedFlags {
  readonly operator: '+' | '-' | '=';
  readonly letters: string;
}

/** The attributes a module's arguments ask for (either name), or none. */
export function attributesOf(p: FileAttributesParams): string | undefined {
  return p.attributes ?? p.attr;
}

/**
 * The operator and letters, or a message when the value is not of chattr's form. Ansible hands any value to chattr,
 * which then refuses it (the task fails with 'chattr failed'); kplay refuses it before it reaches a command line, so
 * that it can never be read as one of chattr's options (-R, -v...).
 */
export function parseFlags(value: string): WantedFlags | string {
  const operator = value.startsWith('+') || value.startsWith('-') ? value[0] : '=';
  const letters = operator === '=' ? value : value.slice(1);
  if (!LETTERS.test(letters)) return `chattr failed: attributes '${value}' is not [+-]LETTERS of chattr's flags (such as +i, -a, i)`;
  return { operator: operator === '+' ? '+' : operator === '-' ? '-' : '=', letters };
}

/** The probe: the path's flags as lsattr shows them (the first word; dashes are unset flags). */
export function flagsProbe(path: string): string {
  return sh`lsattr -d -- ${path}`;
}

/** The letters lsattr showed, '' when it could not read them (no lsattr, a filesystem without flags), as Ansible. */
export function currentFlags(probe: ProbeOutput | undefined): string {
  if (probe?.code !== 0) return '';
  return (probe.stdout.trim().split(/\s+/)[0] ?? '').replaceAll('-', '');
}

/**
 * The chattr step when the flags differ from what is asked (always with '-'); `current` undefined means a path the
 * task makes anew, whose flags are not known before: chattr runs. Ansible fails the task when chattr exits non-zero
 * or prints anything on stderr (clearing ext4's 'e' flag prints a warning): the step does the same. Its description is
 * chattr alone, so that the engine's message for it begins with Ansible's own: 'chattr failed: Error while setting...'.
 */
export function flagsSteps(path: string, wanted: WantedFlags | undefined, current: string | undefined): Step[] {
  if (wanted === undefined) return [];
  if (current !== undefined && current === wanted.letters && wanted.operator !== '-') return [];
  const arg = `${wanted.operator}${wanted.letters}`;
  const run = sh`chattr ${arg} -- ${path}`;
  return [{ cmd: `e=$(${run} 2>&1); rc=$?; [ "$rc" -eq 0 ] && [ -z "$e" ] || { printf '%s\\n' "Error while setting attributes: $e" >&2; exit 1; }`, describe: 'chattr' }];
}

/**
 * The same decision made on the host, for paths known only when the step runs (unarchive's members, get_url's file
 * once downloaded): shell lines that read `target` (a shell word) with lsattr and run chattr when its letters differ
 * (always with '-'); `onSet` runs after chattr did, `onFail` when it failed, with its output in "$e".
 */
export function flagsShell(target: string, wanted: WantedFlags, onSet: string, onFail: string): string[] {
  const arg = `${wanted.operator}${wanted.letters}`;
  return [
    `c=$(lsattr -d -- ${target} 2>/dev/null) && c=$(printf %s "\${c%% *}" | tr -d -) || c=`,
    `if [ "$c" != ${quote(wanted.letters)} ] || [ ${quote(wanted.operator)} = - ]; then`,
    `  if e=$(chattr ${quote(arg)} -- ${target} 2>&1) && [ -z "$e" ]; then ${onSet}; else ${onFail}; fi`,
    'fi',
  ];
}

/** "attributes e -> +i", for a change summary. */
export function flagsChange(wanted: WantedFlags, current: string | undefined): string {
  return current === undefined ? `attributes ${wanted.operator}${wanted.letters}` : `attributes ${current || '(none)'} -> ${wanted.operator}${wanted.letters}`;
}
