// The command line as the store keeps it: the words the user typed, except values that may be secret. Extra
// variables given on the command line (-e KEY=VALUE or -e '{"KEY": ...}') keep their keys only; @file stays.
import { REDACTED } from '../core/secret.js';

const EXTRA_VARS = new Set(['-e', '--extra-vars']);

export function recordedCommandLine(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (EXTRA_VARS.has(word) && i + 1 < argv.length) {
      out.push(word, redactExtraVars(argv[++i] ?? ''));
    } else if (word.startsWith('--extra-vars=')) {
      out.push(`--extra-vars=${redactExtraVars(word.slice('--extra-vars='.length))}`);
    } else if (word.startsWith('-e') && word.length > 2 && !word.startsWith('--')) {
      out.push(`-e${redactExtraVars(word.slice(2))}`);
    } else {
      out.push(word);
    }
  }
  return out;
}

function redactExtraVars(value: string): string {
  if (value.startsWith('@')) return value;
  const trimmed = value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return JSON.stringify(Object.fromEntries(Object.keys(parsed).map((k) => [k, REDACTED])));
      }
    } catch {
      // not JSON (perhaps YAML): keep nothing of it
    }
    return REDACTED;
  }
  const keys = value
    .split(/\s+/)
    .filter((w) => w.includes('='))
    .map((w) => `${w.slice(0, w.indexOf('='))}=${REDACTED}`);
  return keys.length > 0 ? keys.join(' ') : REDACTED;
}
