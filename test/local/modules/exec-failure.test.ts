// command's exec failures under the real shells hosts have (dash as Debian's sh, bash as EL's): a program that is
// missing or cannot run fails as Ansible's OSError (rc = errno, not changed); a program's own exit 127 does not.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandModule } from '../../../modules/command.js';
import type { Step } from '../../../modules/contract.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-exec-'));
const notExecutable = join(dir, 'plain.txt');
writeFileSync(notExecutable, 'x\n');
const exits127 = join(dir, 'exits127');
writeFileSync(exits127, '#!/bin/sh\necho "sh: 1: exec: x: not found" >&2\nexit 127\n');
chmodSync(exits127, 0o755);

/** command's planned step run by `shell`, then its finish(). */
function runWith(shell: string, cmd: string) {
  const params = { cmd, stdin_add_newline: true, strip_empty_ends: true };
  const plan = commandModule.plan(params, {}, { check: false, diff: false, facts: undefined, remoteUser: 'root', render: (t) => t, evaluate: () => undefined, readLocalFile: () => '', walkVarsDir: (d) => ({ kind: 'missing', path: d }) });
  if (plan.kind !== 'change') throw new Error(`expected a change plan, got ${plan.kind}`);
  const step = plan.steps[0] as Step;
  const r = spawnSync(shell, ['-c', step.cmd], { encoding: 'utf8' });
  return commandModule.finish?.(params, [{ step, stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 }]);
}

// by a path too, as the local connection starts /bin/sh (it then names itself by that path)
describe.each(['dash', 'bash', '/bin/sh', '/bin/bash'])('under %s', (shell) => {
  it('a missing program: [Errno 2], rc 2, not changed', () => {
    const missingPath = runWith(shell, '/opt/kplay-nothing/bin/tool --version');
    expect(missingPath).toMatchObject({ failed: "[Errno 2] No such file or directory: b'/opt/kplay-nothing/bin/tool'", changed: false, data: { rc: 2, stderr: '', cmd: '/opt/kplay-nothing/bin/tool --version' } });
    expect(runWith(shell, 'kplay-no-such-program x')).toMatchObject({ failed: "[Errno 2] No such file or directory: b'kplay-no-such-program'", data: { rc: 2 } });
  });

  it('a file that cannot run: [Errno 13], rc 13', () => {
    expect(runWith(shell, `${notExecutable} a`)).toMatchObject({ failed: `[Errno 13] Permission denied: b'${notExecutable}'`, changed: false, data: { rc: 13 } });
    expect(runWith(shell, dir)).toMatchObject({ data: { rc: 13 } });
  });

  it("a program's own exit 127 stays its own result", () => {
    expect(runWith(shell, exits127)).toMatchObject({ failed: 'non-zero return code', changed: true, data: { rc: 127 } });
  });
});
