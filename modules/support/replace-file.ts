// A step that replaces a small config file atomically with the step's stdin, keeping an existing file's mode.
import { posix } from 'node:path';
import { quote, sh } from '../../engine/core/quote.js';
import type { Step } from '../contract.js';

/** Write `text` to `file` through a temporary file beside it (mode of the old file, 0644 for a new one). */
export function replaceFileStep(file: string, text: string, describe = `write ${file}`): Step {
  const dir = posix.dirname(file);
  const cmd = [
    sh`t=$(mktemp -- ${dir}/.kplay_tmp_XXXXXX) || exit 1`,
    `cat > "$t" && { chmod --reference=${quote(file)} "$t" 2>/dev/null || chmod 0644 "$t"; } && mv -f -- "$t" ${quote(file)} || { rm -f -- "$t"; exit 1; }`,
  ].join('\n');
  return { cmd, stdin: text, describe };
}
