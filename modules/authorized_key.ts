// authorized_key: SSH public keys in a user's authorized_keys (ansible.posix.authorized_key): keys matched by their
// blob, options and comment set from the parameters, .ssh created with 0700 and the file kept 0600, owned by the user.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule } from './contract.js';
import { editKeys, parseKeyLine, type KeyLine } from './support/authorized-keys.js';

const params = Type.Object({
  user: operand('The user whose authorized_keys is edited.'),
  key: Type.String({ description: 'The public key(s), one per line (as in an authorized_keys file).' }),
  path: Type.Optional(Type.String({ description: 'Another authorized_keys file (default: ~USER/.ssh/authorized_keys).' })),
  manage_dir: Type.Boolean({ description: "Create the key file's directory (the user's .ssh, or path's) and make it the user's, 0700, as Ansible does when it writes.", default: true }),
  state: choice(['present', 'absent'], { description: 'Whether the keys should be in the file.', default: 'present' }),
  key_options: Type.Optional(Type.String({ description: 'Options put before each key (from="...",no-pty).' })),
  exclusive: Type.Boolean({ description: 'Remove every other key from the file.', default: false }),
  comment: Type.Optional(Type.String({ description: "Replace the keys' comment." })),
});

export const authorizedKeyModule = defineModule({
  name: 'authorized_key',
  aliases: ['ansible.posix.authorized_key'],
  short: "Add or remove SSH public keys in a user's authorized_keys",
  examples: `- name: Let the ops key log in as deploy
  authorized_key:
    user: deploy
    key: "{{ lookup('file', 'files/ops.pub') }}"
`,
  params,
  probe(p) {
    const file = p.path === undefined ? '"$h"/.ssh/authorized_keys' : sh`${p.path}`;
    return {
      keys: [
        sh`h=$(getent passwd -- ${p.user} | cut -d: -f6); [ -n "$h" ] || { echo "user ${p.user} does not exist" >&2; exit 3; }`,
        `printf '%s\\n' "$h"; cat -- ${file} 2>/dev/null || :`,
      ].join('\n'),
    };
  },
  plan(p, observed, ctx) {
    const out = observed.keys;
    if (out?.code === 3) return { kind: 'fail', msg: `Failed to lookup user ${p.user}`, missingPrerequisite: `add keys for ${p.user} (the user is not created yet)` };
    if (out === undefined || out.code !== 0) return { kind: 'fail', msg: `reading the keys failed: ${out?.stderr.trim() ?? ''}` };
    const nl = out.stdout.indexOf('\n');
    const home = out.stdout.slice(0, nl);
    const before = out.stdout.slice(nl + 1);
    const keys: KeyLine[] = [];
    for (const line of p.key.split('\n')) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const k = parseKeyLine(line);
      if (k === undefined) return { kind: 'fail', msg: `invalid key specified: ${line.trim().slice(0, 40)}` };
      keys.push({ ...k, options: p.key_options ?? k.options, comment: p.comment ?? k.comment });
    }
    const edit = editKeys(before, { keys, state: p.state, exclusive: p.exclusive });
    const after = edit.text;
    const keyfile = p.path ?? `${home}/.ssh/authorized_keys`;
    const data = { user: p.user, key: p.key, key_options: p.key_options, keyfile, exclusive: p.exclusive, state: p.state, manage_dir: p.manage_dir, path: p.path, comment: p.comment };
    if (!edit.changed) return { kind: 'ok', reason: `${keyfile} ${p.state === 'present' ? 'has' : 'does not have'} the key${keys.length === 1 ? '' : 's'}`, data };
    const dir = keyfile.slice(0, keyfile.lastIndexOf('/')) || '/';
    // as Ansible's keyfile(): with manage_dir the directory (path's too) is made if missing, then the user's, 0700;
    // without it, only made (with its parents) when missing
    const mkdir = p.manage_dir
      ? sh`if [ ! -e ${dir} ]; then mkdir -m 700 -- ${dir} || exit 1; fi; chown -- ${p.user}: ${dir} && chmod 700 -- ${dir} || exit 1` + '\n'
      : sh`[ -e ${dir} ] || mkdir -p -- ${dir} || exit 1` + '\n';
    const cmd = `${mkdir}${sh`t=$(mktemp -- ${dir}/.kplay_tmp_XXXXXX) || exit 1`}\n${sh`cat > "$t" && chmod 600 "$t" && chown -- ${p.user}: "$t" && mv -f -- "$t" ${keyfile} || { rm -f -- "$t"; exit 1; }`}`;
    return {
      kind: 'change',
      summary: `${p.state === 'present' ? 'add' : 'remove'} ${keys.length === 1 ? 'a key' : `${keys.length} keys`} ${p.state === 'present' ? 'to' : 'from'} ${keyfile}`,
      steps: [{ cmd, stdin: after, describe: `write ${keyfile}` }],
      data,
      ...(ctx.diff ? { diff: { path: keyfile, before, after } } : {}),
    };
  },
});
