// The OpenSSH command-line options kplay honours in ansible_ssh_common_args / ansible_ssh_extra_args.
import { InputError } from '../core/errors.js';

/** Split a string into words as Python's shlex.split does (Ansible splits these variables with it). */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const push = (s: string): void => {
    word = (word ?? '') + s;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i += 1;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new InputError(`unbalanced ' in ssh arguments: ${text}`);
      push(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1] ?? '')) j += 1;
        s += text[j] ?? '';
        j += 1;
      }
      if (j >= text.length) throw new InputError(`unbalanced " in ssh arguments: ${text}`);
      push(s);
      i = j + 1;
    } else if (c === '\\' && i + 1 < text.length) {
      push(text[i + 1] ?? '');
      i += 2;
    } else {
      push(c);
      i += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Options as OpenSSH keywords (lower-case), each with every value in order: the first one wins. */
export type SshOptions = ReadonlyMap<string, readonly string[]>;

const FLAG_TO_KEYWORD: Readonly<Record<string, string>> = {
  '-p': 'port',
  '-l': 'user',
  '-i': 'identityfile',
  '-J': 'proxyjump',
  '-F': 'configfile', // not an ssh_config keyword: the ssh_config file to read instead of ~/.ssh/config
};

/** OpenSSH's flags that take a value (ssh(1)'s synopsis). */
const FLAGS_WITH_VALUE = 'BbcDEeFIiJLlmOoPpQRSWw';

/**
 * Collect `-o Key=Value`, `-oKey=Value`, `-o 'Key Value'`, `-p`, `-l`, `-i`, `-J`, `-F` from the words of one or
 * more argument strings, in order. Other flags are kept as `-X` (value or ''), and words that are no option as `-`.
 */
export function parseSshArgs(...argStrings: readonly (string | undefined)[]): SshOptions {
  const out = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const k = key.startsWith('-') ? key : key.toLowerCase();
    out.set(k, [...(out.get(k) ?? []), value]);
  };
  for (const text of argStrings) {
    if (text === undefined || text.trim() === '') continue;
    const words = shellSplit(text);
    for (let i = 0; i < words.length; i += 1) {
      const w = words[i] ?? '';
      let opt: string | undefined;
      if (w === '-o') {
        opt = words[i + 1];
        i += 1;
      } else if (w.startsWith('-o')) opt = w.slice(2);
      if (opt !== undefined) {
        const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(opt);
        if (!m) throw new InputError(`ssh option -o ${opt}: expected Key=Value`);
        add(m[1] ?? '', (m[2] ?? '').trim());
        continue;
      }
      const flag = w.slice(0, 2);
      const keyword = FLAG_TO_KEYWORD[flag];
      if (keyword !== undefined) {
        const value = w.length > 2 ? w.slice(2) : words[i + 1];
        if (w.length === 2) i += 1;
        if (value === undefined) throw new InputError(`ssh option ${flag} needs a value`);
        add(keyword, value);
        continue;
      }
      // every other flag is kept under its own name (`-A`, `-L`), with its value if it takes one, so that
      // ssh-option-policy.ts can honour, refuse or name it: nothing given is dropped unsaid
      if (!w.startsWith('-') || w.length < 2) {
        add('-', w);
        continue;
      }
      for (let k = 1; k < w.length; k += 1) {
        const f = `-${w[k] ?? ''}`;
        if (!FLAGS_WITH_VALUE.includes(w[k] ?? '')) {
          add(f, '');
          continue;
        }
        const value = k + 1 < w.length ? w.slice(k + 1) : words[i + 1];
        if (k + 1 >= w.length) i += 1;
        if (value === undefined) throw new InputError(`ssh option ${f} needs a value`);
        add(f, value);
        break;
      }
    }
  }
  return out;
}

/** The first value of an option, or undefined. */
export function firstOption(options: SshOptions, keyword: string): string | undefined {
  return options.get(keyword.toLowerCase())?.[0];
}
