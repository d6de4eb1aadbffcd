// assemble: one file made of the fragments in a directory on the host (sorted by name, a delimiter between them,
// a newline after one that lacks it), as Ansible's module builds it, then written as copy writes: only when its
// checksum differs, with validate, backup and the file's attributes. Ansible skips it in check mode.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { compilePython, PyRegexError } from '../engine/core/python-regex.js';
import { commonFileArgs, finishWrite, planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import type { SelinuxContextParams } from './common/selinux-context.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  src: Type.String({ description: 'The directory of fragments on the host.' }),
  dest: Type.String({ description: 'The file to write.' }),
  delimiter: Type.Optional(Type.String({ description: 'Written between fragments (backslash escapes such as \\n are read); a newline follows it unless it ends in one.' })),
  regexp: Type.Optional(Type.String({ description: 'Only fragments whose name this Python regular expression finds.' })),
  ignore_hidden: Type.Boolean({ description: 'Leave out fragments whose name starts with a dot.', default: false }),
  remote_src: Type.Boolean({ description: 'The fragments are on the host (kplay reads them only there).', default: true }),
  validate: Type.Optional(Type.String({ description: 'A command run on the new file before it replaces dest; %s is the file.' })),
  backup: Type.Boolean({ description: 'Keep the replaced file as DEST.PID.TIMESTAMP~.', default: false }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

/** One record per regular fragment, sorted as Python sorts names: \x01NAME\x02BASE64. */
function listFragments(src: string): string {
  return sh`cd -- ${src} || exit 3; ls -A1 | LC_ALL=C sort | while IFS= read -r f; do [ -f "$f" ] || continue; printf '\\001%s\\002' "$f"; base64 -w0 -- "$f"; done`;
}

/** Python's codecs.escape_decode of the delimiter: backslash escapes (\n, \t, \\, \xNN, octal) read. */
export function escapeDecode(s: string): Buffer {
  const SIMPLE: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, v: 11 };
  const text = Buffer.from(s, 'utf8').toString('latin1');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const m = text[i] === '\\' ? /^\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/s.exec(text.slice(i)) : null;
    const esc = m?.[1];
    if (esc === undefined) {
      out.push(text.charCodeAt(i));
      continue;
    }
    if (esc.startsWith('x') && esc.length === 3) out.push(Number.parseInt(esc.slice(1), 16));
    else if (/^[0-7]+$/.test(esc)) out.push(Number.parseInt(esc, 8) & 0xff);
    else if (esc in SIMPLE) out.push(SIMPLE[esc] ?? 0);
    else out.push(92, esc.charCodeAt(0));
    i += esc.length;
  }
  return Buffer.from(out);
}

/** Ansible's assemble_from_fragments over the fragments (name and bytes, sorted). */
export function assemble(fragments: readonly { name: string; bytes: Buffer }[], delimiter: string | undefined, keep: (name: string) => boolean, ignoreHidden: boolean): Buffer {
  const parts: Buffer[] = [];
  let delimit = false;
  let addNewline = false;
  for (const f of fragments) {
    if (!keep(f.name) || (ignoreHidden && f.name.startsWith('.'))) continue;
    if (addNewline) parts.push(Buffer.from('\n'));
    if (delimit && delimiter) {
      const d = escapeDecode(delimiter);
      parts.push(d);
      if (d.at(-1) !== 10) parts.push(Buffer.from('\n'));
    }
    parts.push(f.bytes);
    delimit = true;
    addNewline = f.bytes.at(-1) !== 10;
  }
  return Buffer.concat(parts);
}

function request(p: { dest: string; mode?: string | number | undefined; owner?: string | undefined; group?: string | undefined; backup: boolean; validate?: string | undefined } & SelinuxContextParams): WriteRequest {
  return { dest: p.dest, mode: p.mode, owner: p.owner, group: p.group, backup: p.backup, validate: p.validate, ...commonFileArgs(p) };
}

export const assembleModule = defineModule({
  name: 'assemble',
  short: 'Make one file of the fragments in a directory on the host',
  params,
  checkMode: 'skip',
  checkSkipped: () => ({ msg: 'check mode is not supported for this task.', data: {} }),
  examples: `- name: sshd_config from its fragments
  assemble:
    src: /etc/ssh/sshd_config.d.fragments
    dest: /etc/ssh/sshd_config
    validate: /usr/sbin/sshd -t -f %s
`,
  probe(p, ctx) {
    return { ...writeProbes(request(p), ctx), fragments: listFragments(p.src) };
  },
  plan(p, observed, ctx) {
    if (!p.remote_src) return { kind: 'fail', msg: "kplay's assemble reads the fragments on the host only (remote_src: true)" };
    if (p.validate !== undefined && !p.validate.includes('%s')) return { kind: 'fail', msg: `validate must contain %s: ${p.validate}` };
    const listed = observed.fragments;
    if (listed?.code === 3) return { kind: 'fail', msg: `Source (${p.src}) ${/Not a directory/.test(listed.stderr) ? 'is not a directory' : 'does not exist'}` };
    let keep = (_name: string): boolean => true;
    if (p.regexp !== undefined) {
      let re: RegExp;
      try {
        re = compilePython(p.regexp);
      } catch (err) {
        if (!(err instanceof PyRegexError)) throw err;
        return { kind: 'fail', msg: `Invalid Regexp (${err.message}) in "${p.regexp}"` };
      }
      keep = (name) => name.search(re) >= 0;
    }
    const fragments = (listed?.stdout ?? '')
      .split('\x01')
      .slice(1)
      .map((rec) => ({ name: rec.slice(0, rec.indexOf('\x02')), bytes: Buffer.from(rec.slice(rec.indexOf('\x02') + 1), 'base64') }));
    const content = assemble(fragments, p.delimiter, keep, p.ignore_hidden);
    const plan = planWrite(request(p), content, observed, ctx);
    if (plan.kind === 'fail') return plan;
    return { ...plan, data: { src: p.src, dest: p.dest, msg: 'OK', ...plan.data } };
  },
  finish: (_p, outputs) => finishWrite(outputs),
});
