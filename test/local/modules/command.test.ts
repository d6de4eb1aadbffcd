// command and shell under this machine's sh: arguments arrive literally, stdin is fed, rc and lines come back, $VAR
// and ~ expand as Ansible 2.14's do and nothing else; a creates glob matches real names. Plans: cases/command.yml.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandModule } from '../../../modules/command.js';
import { shellModule } from '../../../modules/shell.js';
import { applyLocally } from './support/apply-locally.js';

const DEFAULTS = { stdin_add_newline: true, strip_empty_ends: true };

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'kplay-cmd-'));
}

describe('command under a real sh', () => {
  it('creates is a glob; only the glob characters are active', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a $(x) b.img'), '');
    const r = applyLocally(commandModule, { cmd: 'touch ran', creates: 'a $(x)*.img', chdir: dir, ...DEFAULTS }, dir);
    expect(r.plan.kind).toBe('ok');
    const none = applyLocally(commandModule, { cmd: 'true', creates: 'a $(x)*.iso', chdir: dir, ...DEFAULTS }, dir);
    expect(none.plan.kind).toBe('change');
  });

  it('steps accept every exit code so finish can report rc', () => {
    const r = applyLocally(commandModule, { cmd: 'false', ...DEFAULTS }, scratch());
    expect(r.plan.kind === 'change' && r.plan.steps[0]?.okCodes?.includes(1)).toBe(true);
    expect(commandModule.finish?.({ cmd: 'false', ...DEFAULTS }, r.outputs)?.data?.rc).toBe(1);
  });

  it('arguments arrive literally, stdin is fed, rc and lines come back', () => {
    const dir = scratch();
    const weird = `a;b $(id) \`id\` "q" 'q' * \n end`;
    const r = applyLocally(commandModule, { argv: ['printf', '%s|', weird], ...DEFAULTS }, dir);
    expect(r.failed).toBeUndefined();
    expect(r.outputs[0]?.stdout).toBe(`${weird}|`);
    expect(commandModule.finish?.({ argv: ['x'], ...DEFAULTS }, r.outputs)?.data?.rc).toBe(0);
    const withStdin = applyLocally(commandModule, { cmd: 'cat', stdin: 'line1\nline2', ...DEFAULTS }, dir);
    expect(withStdin.outputs[0]?.stdout).toBe('line1\nline2\n');
    expect(commandModule.finish?.({ cmd: 'cat', ...DEFAULTS }, withStdin.outputs)?.data?.stdout_lines).toEqual(['line1', 'line2']);
  });

  it('a non-zero exit fails with the Ansible message and still reports rc and stderr', () => {
    const r = applyLocally(commandModule, { cmd: 'ls /definitely/not/here', ...DEFAULTS }, scratch());
    expect(r.failed).toBe('non-zero return code');
    const fin = commandModule.finish?.({ cmd: 'ls', ...DEFAULTS }, r.outputs);
    expect(fin?.data?.rc).toBe(2);
    expect(String(fin?.data?.stderr)).toContain('/definitely/not/here');
  });

  it('expands $VAR and ~ as Ansible 2.14 does (checked with ansible-playbook), nothing else', () => {
    const dir = scratch();
    const home = process.env.HOME ?? '';
    // ansible-playbook: `command: echo $HOME ~ '$HOME' "*"` printed "/root /root /root *"
    const r = applyLocally(commandModule, { cmd: `echo $HOME ~ '$HOME' "*"`, ...DEFAULTS }, dir);
    expect(r.outputs[0]?.stdout).toBe(`${home} ${home} ${home} *\n`);
    const lit = applyLocally(commandModule, { cmd: 'printf %s| $KPLAY_UNSET_X ${KPLAY_UNSET_X} "$(touch PWNED)" "`touch PWNED`" a;b ~x/y pre~/z ${HOME}/d', ...DEFAULTS }, dir);
    expect(lit.outputs[0]?.stdout).toBe(`$KPLAY_UNSET_X|\${KPLAY_UNSET_X}|$(touch PWNED)|\`touch PWNED\`|a;b|~x/y|pre~/z|${home}/d|`);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    const argv = applyLocally(commandModule, { argv: ['echo', '$HOME'], ...DEFAULTS }, dir);
    expect(argv.outputs[0]?.stdout).toBe('$HOME\n');
  });
});

describe('shell under a real sh', () => {
  it('the whole text is the shell script', () => {
    const r = applyLocally(shellModule, { cmd: `echo "$((1+2))" | tr 3 x; echo 'it''s'`, executable: '/bin/sh' }, scratch());
    expect(r.outputs[0]?.stdout).toBe('x\nits\n');
  });

  it('fails on a non-zero exit with rc and both streams', () => {
    const r = applyLocally(shellModule, { cmd: 'echo out; echo err >&2; exit 3', executable: '/bin/sh' }, scratch());
    expect(r.failed).toBe('non-zero return code');
    const fin = shellModule.finish?.({ cmd: 'x', executable: '/bin/sh', stdin_add_newline: true }, r.outputs);
    expect(fin?.data).toMatchObject({ rc: 3, stdout: 'out', stderr: 'err', stdout_lines: ['out'], stderr_lines: ['err'] });
  });
});
