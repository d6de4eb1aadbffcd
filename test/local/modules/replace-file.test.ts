// The atomic file replacement sysctl and cron use, under dash and bash: content from stdin, a new file 0644, an
// existing file's mode kept, no temporary file left, and a hostile path stays one word.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFileStep } from '../../../modules/support/replace-file.js';

function run(shell: string, file: string, text: string) {
  const step = replaceFileStep(file, text);
  return spawnSync(shell, ['-c', step.cmd], { input: step.stdin, encoding: 'utf8' });
}

describe.each(['dash', 'bash'])('under %s', (shell) => {
  it('a new file gets the text and mode 644; nothing else is left in the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), "kplay-rf '$(x)"));
    const file = join(dir, '90 kplay.conf');
    expect(run(shell, file, 'a=1\n').status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('a=1\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['90 kplay.conf']);
  });

  it("an existing file's mode is kept", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-rf-'));
    const file = join(dir, 'x.conf');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    expect(run(shell, file, 'new\n').status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
