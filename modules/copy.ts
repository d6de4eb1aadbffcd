// copy: put a file (from files/ beside the playbook, or inline content) on the host, only when it differs.
import { Type } from '@sinclair/typebox';
import { isUtf8 } from 'node:buffer';
import { posix } from 'node:path';
import { errorMessage } from '../engine/core/errors.js';
import { sh } from '../engine/core/quote.js';
import { jsonDumps } from '../engine/template/json-dumps.js';
import { pyStr } from '../engine/template/values.js';
import { defineModule, type PlanContext } from './contract.js';
import { writtenFileParams } from './common/file-params.js';
import { parseStat, statCommand } from './common/stat.js';
import { planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import { copyResult, finishCopy } from './common/copy-result.js';

const params = Type.Object({
  src: Type.Optional(Type.String({ description: 'A file on the controller, looked up in files/ beside the playbook or role (or a path). Use either src or content.' })),
  content: Type.Optional(
    Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.Unknown()), Type.Record(Type.String(), Type.Unknown())], {
      description: 'The text to write, instead of src (a list or mapping is written as its JSON, as Ansible does).',
    }),
  ),
  ...writtenFileParams,
  validate: Type.Optional(Type.String({ description: "A command that checks the new file before it replaces dest; %s stands for the file (e.g. 'visudo -cf %s')." })),
  remote_src: Type.Optional(Type.Boolean({ description: 'src is a file on the host, copied there; kplay copies one file, not a directory.' })),
});

export const copyModule = defineModule({
  name: 'copy',
  short: 'Copy a file or inline content to the host',
  params,
  mutuallyExclusive: [['src', 'content']],
  requiredOneOf: [['src', 'content']],
  checkMode: 'plan',
  async: 'refused',
  examples: `- name: Load the KVM module options
  copy:
    content: |
      options kvm_intel nested=1
    dest: /etc/modprobe.d/kvm.conf
    mode: "0644"

- name: Ship the guest definition from files/
  copy:
    src: vm1.xml
    dest: /etc/libvirt/qemu-defs/
    owner: root
    backup: true
`,
  probe(p, ctx) {
    const probes = writeProbes(request(p), ctx);
    if (!p.remote_src || p.src === undefined) return probes;
    // the SHA-1 and MD5 only for the result (Ansible's checksum and md5sum)
    return { ...probes, src: statCommand(p.src, true), src_sum: sh`sha256sum < ${p.src} && sha1sum < ${p.src} && md5sum < ${p.src}` };
  },
  plan(p, observed, ctx) {
    if (p.remote_src && p.src !== undefined) {
      const st = parseStat(observed.src);
      if (!st) return { kind: 'fail', msg: `Source ${p.src} not found`, missingPrerequisite: `copy ${p.src} to ${p.dest}` };
      if (st.type === 'directory') return { kind: 'fail', msg: `${p.src} is a directory: kplay's copy with remote_src copies one file (use synchronize or archive/unarchive)` };
      const [sum, sha1, md5] = (observed.src_sum?.stdout ?? '').split('\n').map((l) => /^[0-9a-f]+/.exec(l)?.[0]);
      if (sum?.length !== 64) return { kind: 'fail', msg: `Source ${p.src} is not readable` };
      const file = { path: p.src, sha256: sum, size: st.size, sha1, md5 };
      return copyResult(planWrite(request(p), file, observed, ctx), request(p), file, observed, ctx);
    }
    let content: string | Buffer;
    try {
      content = p.content === undefined ? localContent(p.src ?? '', ctx) : contentText(p.content);
    } catch (err) {
      return { kind: 'fail', msg: `Could not find or access '${p.src ?? ''}': ${errorMessage(err)}` };
    }
    return copyResult(planWrite(request(p), content, observed, ctx), request(p), content, observed, ctx);
  },
  finish: (_p, outputs) => finishCopy(outputs),
});

/** Inline content as Ansible's copy writes it: text as it is, a list or mapping as json.dumps, a scalar as str(). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (typeof content === 'object' && content !== null) return jsonDumps(content);
  return pyStr(content);
}

/**
 * A controller file's content: its text (a vault file decrypted), or its bytes as they are when they are not UTF-8
 * text (an archive, an image), which decoding would change.
 */
function localContent(src: string, ctx: PlanContext): string | Buffer {
  const bytes = ctx.readLocalBytes?.(src, 'files');
  if (bytes === undefined || isUtf8(bytes)) return ctx.readLocalFile(src, 'files');
  return bytes;
}

function request(p: { src?: string | undefined; content?: unknown; dest: string; remote_src?: boolean | undefined } & Omit<WriteRequest, 'dest' | 'srcName'>): WriteRequest {
  const { remote_src: _remote, ...rest } = p;
  return { ...rest, srcName: p.content === undefined && p.src !== undefined ? posix.basename(p.src) : undefined, reportPath: true };
}
