// shell: run a command line through a shell on the host (pipes, redirections and variables work).
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { commandFinish, guardDecision, guardedCheckMode, guardProbes, runPlan, skippedInCheckMode } from './common/run-command.js';

const params = Type.Object({
  cmd: Type.String({ description: 'The shell command line, as the free-form text after `shell:` or as `cmd:`.' }),
  chdir: Type.Optional(Type.String({ description: 'Change into this directory before running the command.' })),
  creates: Type.Optional(Type.String({ description: 'A path or glob pattern: when it matches an existing file, the command is not run (relative to chdir).' })),
  removes: Type.Optional(Type.String({ description: 'A path or glob pattern: when it matches nothing, the command is not run (relative to chdir).' })),
  executable: Type.String({ description: 'The shell that runs the command (an absolute path).', default: '/bin/sh' }),
  stdin: Type.Optional(Type.String({ description: "Feed this text to the command's standard input." })),
  stdin_add_newline: Type.Boolean({ description: 'Append a newline to stdin.', default: true }),
});

export const shellModule = defineModule({
  name: 'shell',
  short: 'Run a command line through a shell on the host',
  freeForm: 'cmd',
  params,
  checkMode: 'skip',
  async: 'detached',
  checkModeFor: (p) => guardedCheckMode(p),
  checkSkipped: (p) => skippedInCheckMode(p.cmd),
  examples: `- name: Count running guests
  shell: virsh list --name | grep -c .
  register: guests

- name: Build once, in a directory, with bash
  shell: ./configure && make
  args:
    chdir: /usr/src/app
    creates: /usr/src/app/app.bin
    executable: /bin/bash
`,
  probe: (p) => guardProbes(p),
  plan(p, observed, ctx) {
    const skip = guardDecision(p, observed, ctx, p.cmd);
    if (skip) return skip;
    // the user's text reaches the chosen shell as one quoted argument: it is parsed there, and only there
    const run = `exec ${quote(p.executable ?? '/bin/sh')} -c ${quote(p.cmd)}`;
    const line = p.chdir === undefined ? run : `cd -- ${quote(p.chdir)} && ${run}`;
    const stdin = p.stdin === undefined ? undefined : p.stdin + (p.stdin_add_newline === false ? '' : '\n');
    return runPlan(line, `run ${p.cmd}`, stdin, ctx, p.cmd);
  },
  finish: (p, outputs) => commandFinish(p.cmd, outputs),
});
