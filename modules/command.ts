// command: run a program with arguments on the host, without a shell (words split as Ansible's shlex does).
import { Type } from '@sinclair/typebox';
import { quote, shellJoin } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { commandFinish, guardDecision, guardedCheckMode, guardProbes, runPlan, skippedInCheckMode } from './common/run-command.js';
import { expandingWord } from './common/expand-word.js';
import { execFailure } from './common/exec-program.js';
import { shlexSplit } from './common/shlex.js';

const params = Type.Object({
  cmd: Type.Optional(Type.String({ description: 'The command to run, as the free-form text after `command:` or as `cmd:`. Split into words like a shell would (quotes, backslashes) but never run through a shell: `|`, `>`, `;`, `$( )`, backticks and `*` are passed literally; as in Ansible, $VAR / ${VAR} (when set) and a leading ~ are expanded on the host.' })),
  argv: Type.Optional(Type.Array(Type.String(), { description: 'The command as a list of words: no splitting or quoting at all. Use either cmd or argv.' })),
  chdir: Type.Optional(Type.String({ description: 'Change into this directory before running the command.' })),
  creates: Type.Optional(Type.String({ description: 'A path or glob pattern: when it matches an existing file, the command is not run (relative to chdir).' })),
  removes: Type.Optional(Type.String({ description: 'A path or glob pattern: when it matches nothing, the command is not run (relative to chdir).' })),
  stdin: Type.Optional(Type.String({ description: "Feed this text to the command's standard input." })),
  stdin_add_newline: Type.Boolean({ description: 'Append a newline to stdin.', default: true }),
  strip_empty_ends: Type.Boolean({ description: 'Strip empty lines from the end of stdout and stderr in the result.', default: true }),
});

/** The argv to run, or a message when the command line does not parse. */
function commandArgv(p: { cmd?: string | undefined; argv?: readonly string[] | undefined }): string[] | string {
  if (p.argv !== undefined) return p.argv.length > 0 ? [...p.argv] : 'argv is empty';
  const words = shlexSplit(p.cmd ?? '');
  if (typeof words === 'string') return `cannot parse the command line: ${words}`;
  return words.length > 0 ? words : 'no command given';
}

export const commandModule = defineModule({
  name: 'command',
  short: 'Run a command on the host, without a shell',
  freeForm: 'cmd',
  params,
  mutuallyExclusive: [['cmd', 'argv']],
  requiredOneOf: [['cmd', 'argv']],
  checkMode: 'skip',
  async: 'detached',
  checkModeFor: (p) => guardedCheckMode(p),
  checkSkipped: (p) => {
    const argv = commandArgv(p);
    return skippedInCheckMode(typeof argv === 'string' ? (p.cmd ?? '') : argv);
  },
  examples: `- name: Show the kernel
  command: uname -r
  register: kernel

- name: Create the disk image once
  command: qemu-img create -f qcow2 /var/lib/libvirt/images/vm1.qcow2 10G
  args:
    creates: /var/lib/libvirt/images/vm1.qcow2

- name: Arguments that contain spaces, without any quoting
  command:
    argv: [virsh, desc, vm1, "a description with spaces"]
`,
  probe: (p) => guardProbes(p),
  plan(p, observed, ctx) {
    const argv = commandArgv(p);
    if (typeof argv === 'string') return { kind: 'fail', msg: argv };
    const skip = guardDecision(p, observed, ctx, argv);
    if (skip) return skip;
    // exec: the program itself runs, never a shell builtin or function of the same name (no shell semantics);
    // only $VAR and a leading ~ expand, as Ansible's command expands them (argv is taken as is)
    const words = p.argv !== undefined ? shellJoin(argv) : argv.map(expandingWord).join(' ');
    const run = `exec ${words}`;
    const line = p.chdir === undefined ? run : `cd -- ${quote(p.chdir)} && ${run}`;
    const stdin = p.stdin === undefined ? undefined : p.stdin + (p.stdin_add_newline === false ? '' : '\n');
    return runPlan(line, `run ${shellJoin(argv)}`, stdin, ctx, argv);
  },
  finish(p, outputs) {
    const argv = commandArgv(p);
    const program = typeof argv === 'string' ? '' : (argv[0] ?? '');
    return execFailure(program, typeof argv === 'string' ? argv : shellJoin(argv), outputs.at(-1)) ?? commandFinish(argv, outputs, p.strip_empty_ends !== false);
  },
});
