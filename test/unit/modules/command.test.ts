// command, shell and raw: plans (creates/removes, check mode) and real runs with odd arguments, stdin and rc.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandModule } from '../../../modules/command.js';
import { rawModule } from '../../../modules/raw.js';
import { shellModule } from '../../../modules/shell.js';
import type { Plan } from '../../../modules/contract.js';
import { applyLocally, ctx, missing, out, plan, probes } from './harness.js';

function cmds(p: Plan): string[] {
  return p.kind === 'change' ? p.steps.map((s) => s.cmd) : [];
}

describe('command plans', () => {
  const cases: { name: string; params: Record<string, unknown>; observed?: Record<string, ReturnType<typeof out>>; kind: Plan['kind']; cmds?: string[]; reason?: RegExp }[] = [
    { name: 'free form is split into quoted words and exec-ed', params: { cmd: 'uname -r' }, kind: 'change', cmds: ['exec uname -r'] },
    { name: 'quotes group words', params: { cmd: `virsh desc vm1 "two words" 'single q'` }, kind: 'change', cmds: [`exec virsh desc vm1 'two words' 'single q'`] },
    { name: 'shell metacharacters stay literal', params: { cmd: 'echo a;b $(id) `id` *' }, kind: 'change', cmds: [`exec echo 'a;b' '$(id)' '\`id\`' '*'`] },
    { name: 'argv is taken as is', params: { argv: ['printf', '%s\n', "it's"] }, kind: 'change', cmds: [`exec printf '%s\n' 'it'"'"'s'`] },
    { name: '$VAR expands only when set, via the shell', params: { cmd: 'ls $HOME/x ${D}' }, kind: 'change', cmds: ['exec ls "${HOME-\\$HOME}"/x "${D-\\${D\\}}"'] },
    { name: 'chdir', params: { cmd: 'ls', chdir: '/tmp/a b' }, kind: 'change', cmds: [`cd -- '/tmp/a b' && exec ls`] },
    { name: 'creates matches: ok', params: { cmd: 'make', creates: '/x' }, observed: { creates: out('') }, kind: 'ok', reason: /Did not run command since '\/x' exists/ },
    { name: 'creates absent: runs', params: { cmd: 'make', creates: '/x' }, observed: { creates: missing }, kind: 'change', cmds: ['exec make'] },
    { name: 'removes absent: ok', params: { cmd: 'rm x', removes: '/x' }, observed: { removes: missing }, kind: 'ok', reason: /does not exist/ },
    { name: 'unclosed quote fails', params: { cmd: 'echo "oops' }, kind: 'fail', reason: /No closing quotation/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = plan(commandModule, c.params, c.observed ?? {});
      expect(p.kind).toBe(c.kind);
      if (c.cmds) expect(cmds(p)).toEqual(c.cmds);
      if (c.reason) expect(p.kind === 'ok' ? p.reason : p.kind === 'fail' ? p.msg : '').toMatch(c.reason);
    });
  }

  it('steps accept every exit code so finish can report rc', () => {
    const p = plan(commandModule, { cmd: 'false' }, {});
    expect(p.kind === 'change' && p.steps[0]?.okCodes?.includes(1)).toBe(true);
  });

  it('check mode: skipped unless creates/removes decide', () => {
    expect(commandModule.checkModeFor?.({ cmd: 'x', stdin_add_newline: true, strip_empty_ends: true })).toBe('skip');
    expect(commandModule.checkModeFor?.({ cmd: 'x', creates: '/a', stdin_add_newline: true, strip_empty_ends: true })).toBe('plan');
    const p = plan(commandModule, { cmd: 'make', creates: '/x' }, { creates: out('') }, ctx({ check: true }));
    expect(p.kind === 'ok' && p.reason).toMatch(/^Would not run/);
  });

  it('creates is a glob; only the glob characters are active', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cmd-'));
    writeFileSync(join(dir, 'a $(x) b.img'), '');
    const p = probes(commandModule, { cmd: 'x', creates: 'a $(x)*.img', chdir: dir });
    expect(p.creates).toContain(`'a $(x)'*.img`);
    const r = applyLocally(commandModule, { cmd: 'touch ran', creates: 'a $(x)*.img', chdir: dir }, dir);
    expect(r.plan.kind).toBe('ok');
    const none = applyLocally(commandModule, { cmd: 'true', creates: 'a $(x)*.iso', chdir: dir }, dir);
    expect(none.plan.kind).toBe('change');
  });

  it('runs for real: arguments arrive literally, stdin is fed, rc and lines come back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cmd-'));
    const weird = `a;b $(id) \`id\` "q" 'q' * \n end`;
    const r = applyLocally(commandModule, { argv: ['printf', '%s|', weird], stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(r.failed).toBeUndefined();
    expect(r.outputs[0]?.stdout).toBe(`${weird}|`);
    const fin = commandModule.finish?.({ argv: ['x'], stdin_add_newline: true, strip_empty_ends: true }, r.outputs);
    expect(fin?.data?.rc).toBe(0);
    const withStdin = applyLocally(commandModule, { cmd: 'cat', stdin: 'line1\nline2', stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(withStdin.outputs[0]?.stdout).toBe('line1\nline2\n');
    const f = commandModule.finish?.({ cmd: 'cat', stdin_add_newline: true, strip_empty_ends: true }, withStdin.outputs);
    expect(f?.data?.stdout_lines).toEqual(['line1', 'line2']);
  });

  it('a non-zero exit fails with Ansible message and still reports rc and stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cmd-'));
    const r = applyLocally(commandModule, { cmd: 'ls /definitely/not/here', stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(r.failed).toBe('non-zero return code');
    const fin = commandModule.finish?.({ cmd: 'ls', stdin_add_newline: true, strip_empty_ends: true }, r.outputs);
    expect(fin?.data?.rc).toBe(2);
    expect(String(fin?.data?.stderr)).toContain('/definitely/not/here');
  });

  it('expands $VAR and ~ as Ansible 2.14 does (checked with ansible-playbook), nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cmd-'));
    const home = process.env.HOME ?? '';
    // ansible-playbook: `command: echo $HOME ~ '$HOME' "*"` printed "/root /root /root *"
    const r = applyLocally(commandModule, { cmd: `echo $HOME ~ '$HOME' "*"`, stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(r.outputs[0]?.stdout).toBe(`${home} ${home} ${home} *\n`);
    const lit = applyLocally(commandModule, { cmd: 'printf %s| $KPLAY_UNSET_X ${KPLAY_UNSET_X} "$(touch PWNED)" "`touch PWNED`" a;b ~x/y pre~/z ${HOME}/d', stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(lit.outputs[0]?.stdout).toBe(`$KPLAY_UNSET_X|\${KPLAY_UNSET_X}|$(touch PWNED)|\`touch PWNED\`|a;b|~x/y|pre~/z|${home}/d|`);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    const argv = applyLocally(commandModule, { argv: ['echo', '$HOME'], stdin_add_newline: true, strip_empty_ends: true }, dir);
    expect(argv.outputs[0]?.stdout).toBe('$HOME\n');
  });

  it('runs the program, not a shell builtin of the same name', () => {
    expect(cmds(plan(commandModule, { cmd: 'echo hi' }, {}))).toEqual(['exec echo hi']);
  });
});

describe('shell and raw', () => {
  it('shell hands the whole text to the shell as one argument', () => {
    const p = plan(shellModule, { cmd: 'echo "$((1+2))" | tr 3 x', executable: '/bin/sh' }, {});
    expect(cmds(p)).toEqual([`exec /bin/sh -c 'echo "$((1+2))" | tr 3 x'`]);
    const dir = mkdtempSync(join(tmpdir(), 'kplay-sh-'));
    const r = applyLocally(shellModule, { cmd: `echo "$((1+2))" | tr 3 x; echo 'it''s'`, executable: '/bin/sh' }, dir);
    expect(r.outputs[0]?.stdout).toBe('x\nits\n');
  });

  it('shell with chdir, creates and executable', () => {
    const p = plan(shellModule, { cmd: 'make', chdir: '/src/my app', creates: 'out', executable: '/bin/bash' }, { creates: missing });
    expect(cmds(p)).toEqual([`cd -- '/src/my app' && exec /bin/bash -c make`]);
    expect(plan(shellModule, { cmd: 'make', creates: 'out', executable: '/bin/sh' }, { creates: out('') }).kind).toBe('ok');
  });

  it('shell fails on a non-zero exit with rc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-sh-'));
    const r = applyLocally(shellModule, { cmd: 'echo out; echo err >&2; exit 3', executable: '/bin/sh' }, dir);
    expect(r.failed).toBe('non-zero return code');
    const fin = shellModule.finish?.({ cmd: 'x', executable: '/bin/sh', stdin_add_newline: true }, r.outputs);
    expect(fin?.data).toMatchObject({ rc: 3, stdout: 'out', stderr: 'err', stdout_lines: ['out'], stderr_lines: ['err'] });
  });

  it('raw sends the text unchanged and is always a change', () => {
    const p = plan(rawModule, { cmd: 'echo $HOME; ls *' }, {});
    expect(cmds(p)).toEqual(['echo $HOME; ls *']);
    expect(cmds(plan(rawModule, { cmd: 'echo hi', executable: '/bin/bash' }, {}))).toEqual([`/bin/bash -c 'echo hi'`]);
    expect(rawModule.checkMode).toBe('skip');
  });
});
