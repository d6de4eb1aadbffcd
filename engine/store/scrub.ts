// Secrets never reach the store: every text written is cleaned of the run's passwords (SSH, become, vault) and of
// the plaintexts the vault gave, wherever a module or a debug message echoed them.
import { REDACTED } from '../core/secret.js';

/** shorter texts would blank out ordinary words (a password "a" would hide every a) */
const SHORTEST_SECRET = 4;

export type Scrub = (text: string) => string;

export function scrubberOf(secrets: Iterable<string>): Scrub {
  // longest first: a secret that contains another is hidden whole
  const list = [...new Set(secrets)].filter((s) => s.length >= SHORTEST_SECRET).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/**
 * A scrubber that also hides what `more` gains later (the vault's plaintexts as the run reads include_vars and
 * lookups): rebuilt when `more` grew.
 */
export function liveScrubber(base: readonly string[], more: ReadonlySet<string>): Scrub {
  let size = -1;
  let scrub: Scrub = (text) => text;
  return (text) => {
    if (more.size !== size) {
      size = more.size;
      scrub = scrubberOf([...base, ...more]);
    }
    return scrub(text);
  };
}
