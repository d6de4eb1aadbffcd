// setup's `filter`: shell-style globs (fnmatch) over the ansible_-prefixed fact names.
import { dict, dictFrom } from '../core/dict.js';

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let set = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        re += `[${set}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** The facts whose ansible_<name> matches one of the patterns (all of them when there is none). */
export function filterFacts(facts: Readonly<Record<string, unknown>>, patterns: readonly string[]): Record<string, unknown> {
  const wanted = patterns.map((p) => p.trim()).filter((p) => p !== '');
  if (wanted.length === 0 || wanted.includes('*')) return dict(facts);
  const res = wanted.map(globToRegExp);
  return dictFrom(Object.entries(facts).filter(([k]) => res.some((r) => r.test(`ansible_${k}`))));
}
