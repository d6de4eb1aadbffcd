// script: run a script from the controller's files/ on the host, as Ansible's script action does: the script
// travels on stdin into a temporary file, made executable and run with the rest of the task's line (shell words, as
// written) as its arguments, its stderr in its stdout (Ansible runs it on a terminal); always changed, failed on a
// non-zero exit code.
import { posix } from 'node:path';
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { errorMessage } from '../engine/core/errors.js';
import { shlexSplit } from './common/shlex.js';
import { defineModule, type Plan } from './contract.js';

const params = Type.Object({
  cmd: Type.String({ description: 'The script (a file in files/ beside the playbook or role) and its arguments, as a shell line.' }),
  creates: Type.Optional(Type.String({ description: 'A path on the host: when it exists, the script is not run.' })),
  removes: Type.Optional(Type.String({ description: 'A path on the host: when it does not exist, the script is not run.' })),
  chdir: Type.Optional(Type.String({ description: 'An absolute directory on the host to run it in.' })),
  executable: Type.Optional(Type.String({ description: 'The program that runs the script (python3), instead of its #! line.' })),
  decrypt: Type.Boolean({ description: 'Accepted for compatibility (a vault-encrypted script is not decrypted).', default: true }),
});

/** The line after its first shell word (the script), quoting kept: `'my script.sh' -v` gives ` -v`. */
function afterFirstWord(line: string, word: string): string {
  for (const q of ["'", '"']) if (line.startsWith(`${q}${word}${q}`)) return line.slice(word.length + 2);
  return line.startsWith(word) ? line.slice(word.length) : line.slice(line.indexOf(word) + word.length);
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

export const scriptModule = defineModule({
  name: 'script',
  short: 'Run a script from the controller on the host (copied there for the run), with its arguments',
  params,
  freeForm: 'cmd',
  // Ansible predicts only with creates or removes; otherwise the task is skipped in check mode
  checkModeFor: (p) => (p.creates !== undefined || p.removes !== undefined ? 'plan' : 'skip'),
  checkSkipped: () => ({ msg: 'Check mode is not supported for this task.', data: {} }),
  examples: `- name: Prepare the disks with the site's own script
  script: prepare-disks.sh --yes
  args:
    creates: /var/lib/disks-ready
`,
  probe(p) {
    const probes: Record<string, string> = {};
    if (p.creates !== undefined) probes.creates = `test -e ${quote(p.creates)} && echo exists`;
    if (p.removes !== undefined) probes.removes = `test -e ${quote(p.removes)} && echo exists`;
    return probes;
  },
  plan(p, observed, ctx): Plan {
    if (p.creates !== undefined && observed.creates?.code === 0) return { kind: 'skip', msg: `${p.creates} exists, matching creates option` };
    if (p.removes !== undefined && observed.removes?.code !== 0) return { kind: 'skip', msg: `${p.removes} does not exist, matching removes option` };
    if (p.chdir !== undefined && !p.chdir.startsWith('/')) return { kind: 'fail', msg: `chdir ${p.chdir} must be an absolute path for a Unix-aware remote node` };
    const words = shlexSplit(p.cmd.trim());
    if (typeof words === 'string') return { kind: 'fail', msg: words };
    const source = words[0];
    if (source === undefined) return { kind: 'fail', msg: 'script: no script named' };
    let bytes: Buffer;
    try {
      if (ctx.readLocalBytes === undefined) throw new Error('no controller files here');
      bytes = ctx.readLocalBytes(source, 'files');
    } catch (err) {
      return { kind: 'fail', msg: `Could not find or access '${source}' on the Ansible Controller: ${errorMessage(err)}` };
    }
    // the rest of the line keeps its own quoting, as Ansible replaces only the script's path in it
    const rest = afterFirstWord(p.cmd.trim(), source);
    const name = posix.basename(source);
    const run = `${p.executable === undefined ? '' : `${quote(p.executable)} `}"$d"/${quote(name)}${rest}`;
    const cmd = [
      'd=$(mktemp -d) || exit 1',
      `trap 'rm -rf "$d"' EXIT`,
      `cat > "$d"/${quote(name)} && chmod 0700 "$d"/${quote(name)} || exit 1`,
      ...(p.chdir === undefined ? [] : [`cd ${quote(p.chdir)} || exit 1`]),
      // Ansible runs it on a terminal: its stderr comes in stdout
      `${run} </dev/null 2>&1`,
    ].join('\n');
    return { kind: 'change', summary: `run ${source}`, steps: [{ cmd, stdin: bytes, describe: `run ${source}`, okCodes: Array.from({ length: 256 }, (_, i) => i) }] };
  },
  finish(_p, outputs) {
    const out = outputs[0];
    if (out === undefined) return { changed: false };
    const data = { rc: out.code, stdout: out.stdout, stderr: out.stderr, stdout_lines: lines(out.stdout), stderr_lines: lines(out.stderr) };
    if (out.code !== 0) return { failed: 'non-zero return code', changed: true, data };
    return { changed: true, data };
  },
});
