// pamd: one rule of a /etc/pam.d service file changed, added before or after it, removed, or its arguments edited,
// as community.general.pamd does; the file travels in the probe, the edit is pure (support/pamd-edit.ts), and the
// write goes through symlinks to the real file, as Ansible's atomic_move to os.path.realpath does.
import { Type } from '@sinclair/typebox';
import { quote, sh } from '../engine/core/quote.js';
import { pyRepr } from '../engine/template/values.js';
import { defineModule, type Step, type StepOutput } from './contract.js';
import { choice } from './common/schema.js';
import { editPamd, PAMD_STATES, type PamdEdit } from './support/pamd-edit.js';
import { PAM_TYPES } from './support/pamd-rule.js';

const params = Type.Object({
  name: Type.String({ description: 'The PAM service file to change, under path (system-auth, common-auth, su).' }),
  type: choice(PAM_TYPES, { description: 'The type of the rule to match.' }),
  control: Type.String({ description: "The control of the rule to match: a word, or a bracketed one written as the file has it ('[success=1 default=ignore]')." }),
  module_path: Type.String({ description: 'The module path of the rule to match.' }),
  new_type: Type.Optional(choice(PAM_TYPES, { description: 'The type of the new rule (before, after) or the one to set (updated).' })),
  new_control: Type.Optional(Type.String({ description: 'The control of the new rule (before, after) or the one to set (updated).' })),
  new_module_path: Type.Optional(Type.String({ description: 'The module path of the new rule (before, after) or the one to set (updated).' })),
  module_arguments: Type.Optional(
    Type.Array(Type.String(), {
      description: "Arguments: updated replaces the rule's (an empty string clears them), args_present adds them or sets key=value values, args_absent removes them; before/after give them to the new rule.",
    }),
  ),
  state: choice(PAMD_STATES, { description: 'What to do with the matching rules.', default: 'updated' }),
  path: Type.String({ description: 'The directory of the PAM service files.', default: '/etc/pam.d' }),
  backup: Type.Boolean({ description: 'Keep the old file as NAME.PID.TIMESTAMP~ (returned as backupdest).', default: false }),
});

type Params = typeof params.static;

// required_if of Ansible's argument spec, in its order of the names
const REQUIRED: Partial<Record<Params['state'], readonly (keyof Params)[]>> = {
  args_present: ['module_arguments'],
  args_absent: ['module_arguments'],
  before: ['new_control', 'new_type', 'new_module_path'],
  after: ['new_control', 'new_type', 'new_module_path'],
};

// what GNU cat prints for the errors open() can meet here, and Python's errno for each
const ERRNO: Readonly<Record<string, number>> = {
  'No such file or directory': 2,
  'Input/output error': 5,
  'Permission denied': 13,
  'Not a directory': 20,
  'Is a directory': 21,
  'File name too long': 36,
  'Too many levels of symbolic links': 40,
};

const MODULE_FAILURE = 'MODULE FAILURE\nSee stdout/stderr for the exact error';

export const pamdModule = defineModule({
  name: 'pamd',
  aliases: ['community.general.pamd'],
  short: 'Edit a rule of a PAM service file (/etc/pam.d)',
  params,
  checkMode: 'plan',
  examples: `- name: pam_wheel.so after pam_rootok.so in su
  pamd:
    name: su
    type: auth
    control: sufficient
    module_path: pam_rootok.so
    new_type: auth
    new_control: required
    new_module_path: pam_wheel.so
    module_arguments: use_uid
    state: after
`,
  probe(p) {
    // Python's isoformat(): the microseconds are left out when they are 0
    return { text: sh`LC_ALL=C cat -- ${serviceFile(p)}`, now: "date +%Y-%m-%dT%H:%M:%S.%6N | sed 's/\\.000000$//'" };
  },
  plan(p, observed) {
    const missing = (REQUIRED[p.state] ?? []).filter((k) => p[k] === undefined);
    if (missing.length > 0) return { kind: 'fail', msg: `state is ${p.state} but all of the following are missing: ${missing.join(', ')}` };
    const file = serviceFile(p);
    const text = observed.text;
    if (text === undefined || text.code !== 0) return { kind: 'fail', msg: `Unable to open/read PAM module file ${file} with error ${readError(file, text?.stderr ?? '')}.` };
    const r = editPamd(text.stdout, edit(p), (observed.now?.stdout ?? '').trim());
    if (r.kind === 'crash') return { kind: 'fail', msg: MODULE_FAILURE, data: { module_stdout: '', module_stderr: `${r.exception}\n`, rc: 1 } };
    if (r.kind === 'fail') return { kind: 'fail', msg: r.msg };
    const rule = `${p.type} ${p.control} ${p.module_path}`;
    const data = { change_count: r.changes, backupdest: '' };
    if (r.changes === 0) return { kind: 'ok', reason: r.matched === 0 ? `no rule ${rule} in ${file}` : `the rule ${rule} in ${file} is as wanted (${p.state})`, data };
    return { kind: 'change', summary: `${p.state}: ${r.changes} rule(s) of ${rule} in ${file}`, steps: [writeStep(file, r.text, p.backup)], data };
  },
  finish: (_p, outputs) => ({ data: backupOf(outputs) }),
});

function edit(p: Params): PamdEdit {
  return { state: p.state, type: p.type, control: p.control, modulePath: p.module_path, newType: p.new_type, newControl: p.new_control, newModulePath: p.new_module_path, moduleArguments: p.module_arguments };
}

/** os.path.join(path, name): an absolute name stands alone. */
export function serviceFile(p: { readonly path: string; readonly name: string }): string {
  if (p.name.startsWith('/')) return p.name;
  return p.path === '' || p.path.endsWith('/') ? `${p.path}${p.name}` : `${p.path}/${p.name}`;
}

/** str() of the OSError Python's open() raised: "[Errno 2] No such file or directory: '/etc/pam.d/x'". */
function readError(file: string, stderr: string): string {
  const reason = /: ([^:\n]+)$/m.exec(stderr.trim())?.[1] ?? stderr.trim();
  const errno = ERRNO[reason];
  return `[Errno ${errno === undefined ? '?' : String(errno)}] ${reason}: ${pyRepr(file)}`;
}

/**
 * The new text replaces the real file behind any symlink, through a temp file beside it that takes the old file's
 * mode, owner and SELinux context; the backup (shutil.copy2 of the named file) is taken first.
 */
function writeStep(file: string, text: string, backup: boolean): Step {
  const lines = [
    'set -e',
    `d=$(realpath -- ${quote(file)})`,
    't=$(mktemp -- "$(dirname -- "$d")/.kplay-XXXXXXXX")',
    `trap 'rm -f -- "$t"' EXIT`,
    'cat > "$t"',
    'chmod --reference="$d" "$t"',
    'chown --reference="$d" "$t" 2>/dev/null || true',
    'chcon --reference="$d" "$t" 2>/dev/null || true',
  ];
  if (backup) {
    lines.push(`b=${quote(file)}".$$.$(date +%Y-%m-%d@%H:%M:%S)~"`, `cp --preserve=mode,timestamps -- ${quote(file)} "$b"`, `printf 'backupdest=%s\\n' "$b"`);
  }
  lines.push('mv -f -- "$t" "$d"');
  return { cmd: lines.join('\n'), stdin: text, describe: `write ${file}` };
}

function backupOf(outputs: readonly StepOutput[]): Record<string, string> {
  for (const o of outputs) {
    const m = /^backupdest=(.*)$/m.exec(o.stdout);
    if (m) return { backupdest: m[1] ?? '' };
  }
  return {};
}
