// fetch: copy a file from the host to the controller (dest/HOST/SRC, or dest itself with flat), only when the sha1s differ, as Ansible's fetch action.
import { posix } from 'node:path';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { defineModule, type ControllerFile, type Finish, type Plan, type Step } from './contract.js';

const params = Type.Object({
  src: Type.String({ description: 'The file on the host (not a directory).' }),
  dest: Type.String({ description: 'A controller directory (relative: under the playbook\'s directory); the file lands at DEST/HOST/SRC, or at DEST itself with flat.' }),
  flat: Type.Boolean({ description: 'Write to dest itself (dest ending in / : the file keeps its name inside it) instead of DEST/HOST/SRC.', default: false }),
  fail_on_missing: Type.Boolean({ description: 'Fail when src does not exist (else: ok, nothing fetched).', default: true }),
  validate_checksum: Type.Boolean({ description: 'Check the fetched copy against the host file\'s sha1.', default: true }),
});

// the controller path each planned read step fills (finish sees the step object it planned)
const destOfStep = new WeakMap<Step, string>();

const MISSING = 'the remote file does not exist, not transferring, ignored';
const IS_DIR = 'remote file is a directory, fetch cannot work on directories';

/** Where the copy goes on the controller, or why it cannot (Ansible's rules; a path leaving dest is refused). */
function destOf(p: { src: string; dest: string; flat: boolean }, host: () => string, resolve: (path: string) => string): string | { readonly fail: string } {
  if (p.flat) {
    const base = p.dest.endsWith('/') ? posix.join(p.dest, posix.basename(p.src)) : p.dest;
    return posix.normalize(resolve(base));
  }
  const root = posix.normalize(resolve(p.dest));
  const dest = posix.normalize(`${root}/${host()}/${p.src}`);
  if (!dest.startsWith(`${root.replace(/\/$/, '')}/`)) return { fail: `Detected directory traversal, expected to be contained in '${root}' but got '${dest}'` };
  return dest;
}

export const fetchModule = defineModule({
  name: 'fetch',
  short: 'Copies a file from the host to the controller, when it differs',
  params,
  // Ansible's fetch is an action plugin that reads its five arguments and never looks at the others
  otherParam: () => "is ignored: Ansible's fetch reads only src, dest, flat, fail_on_missing and validate_checksum",
  // Ansible: check mode not (yet) supported for this module
  checkMode: 'skip',
  checkSkipped: () => ({ msg: 'check mode not (yet) supported for this module', data: {} }),
  async: 'refused',
  examples: `- name: Keep each host's config on the controller (fetched/HOST/etc/app.conf)
  fetch: { src: /etc/app.conf, dest: fetched }

- name: One file, named by host
  fetch: { src: /etc/hostname, dest: "names/{{ inventory_hostname }}", flat: true }
`,
  probe(p) {
    const s = quote(p.src);
    return { remote: `if test -d ${s}; then echo dir; elif test -e ${s}; then if test -r ${s}; then echo "sha1 $(sha1sum < ${s} | cut -d' ' -f1)"; else echo unreadable; fi; else echo missing; fi` };
  },
  plan(p, observed, ctx): Plan {
    const seen = (observed.remote?.stdout ?? '').trim();
    const ignored = (msg: string): Plan => (p.fail_on_missing ? { kind: 'fail', msg, data: { file: p.src } } : { kind: 'ok', reason: msg, data: { file: p.src, msg } });
    if (seen === 'dir') return p.fail_on_missing ? { kind: 'fail', msg: IS_DIR } : { kind: 'ok', reason: `${IS_DIR}, not transferring, ignored` };
    if (seen === 'missing') return ignored(MISSING);
    if (seen === 'unreadable') return ignored(`file is not readable: ${p.src}`);
    const remoteSum = /^sha1 ([0-9a-f]{40})$/.exec(seen)?.[1];
    if (remoteSum === undefined) return { kind: 'fail', msg: `could not read ${p.src} on the host: ${observed.remote?.stderr.trim() ?? ''}` };
    if (ctx.controllerFile === undefined) return { kind: 'fail', msg: 'fetch needs the controller' };
    const look = (path: string): ControllerFile => ctx.controllerFile?.(path) ?? { path, kind: 'missing' };
    const dest = destOf(p, () => String(ctx.evaluate('inventory_hostname')), (path) => look(path).path);
    if (typeof dest !== 'string') return { kind: 'fail', msg: dest.fail };
    const local = look(dest);
    if (p.flat && local.kind === 'directory' && !p.dest.endsWith('/')) return { kind: 'fail', msg: 'dest is an existing directory, use a trailing slash if you want to fetch src into that directory' };
    if (local.sha1 === remoteSum) return { kind: 'ok', reason: `${dest} has the host file's content`, data: { changed: false, md5sum: local.md5, file: p.src, dest, checksum: local.sha1 } };
    const cmd = `sha1sum < ${quote(p.src)} | cut -d' ' -f1 && base64 -w0 < ${quote(p.src)}`;
    const step: Step = { cmd, describe: `read ${p.src}` };
    destOfStep.set(step, dest);
    return { kind: 'change', summary: `fetch ${p.src} to ${dest}`, steps: [step], data: { dest, remote_checksum: remoteSum, remote_md5sum: null } };
  },
  finish(p, outputs): Finish {
    const out = outputs[0];
    const dest = out === undefined ? undefined : destOfStep.get(out.step);
    if (out === undefined || out.code !== 0 || dest === undefined) return {};
    const [remote = '', body = ''] = out.stdout.split('\n');
    const content = Buffer.from(body.trim(), 'base64');
    const checksum = createHash('sha1').update(content).digest('hex');
    const md5sum = createHash('md5').update(content).digest('hex');
    if (p.validate_checksum && checksum !== remote.trim()) return { failed: 'checksum mismatch', data: { file: p.src, md5sum, checksum, remote_checksum: remote.trim() } };
    return { changed: true, data: { md5sum, checksum }, saveLocal: { path: dest, content } };
  },
});
