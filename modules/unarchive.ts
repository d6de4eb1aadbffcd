// unarchive: unpack a zip or tar archive (from the controller, a path on the host, or a URL the host fetches) into
// a directory, only when its members differ from what is there, as Ansible's unarchive decides: member by member
// for a zip (unzip and zipinfo on the host), by `tar --diff` for a tar.
import { Type, type TArray, type TString } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { errorMessage } from '../engine/core/errors.js';
import { defineModule, type Finish, type Plan, type Step } from './contract.js';
import { checkMode as modeProblem } from './common/attrs.js';
import { attributesOf, parseFlags } from './common/file-attributes.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { chconOptions } from './common/selinux-context.js';
import { ansibleGet, HTTP_RUN, parseCurl, requestInput, requestProblem } from './common/http-request.js';
import { directoryTestCommand, isDirectory } from './common/stat.js';
import { CLEANUP, extraOptProblem, unpackScript, type UnpackRequest } from './common/unpack-script.js';
import { zipPatternProblem } from './common/zip-unpack.js';

const strings = (description: string): TArray<TString> => Type.Array(Type.String(), { description, default: [] });

const params = Type.Object({
  src: Type.String({ description: 'The archive: a file on the controller (files/ beside the playbook or role), or with remote_src a path on the host or a URL the host downloads.' }),
  dest: Type.String({ description: 'The existing directory on the host to unpack into.' }),
  remote_src: Type.Boolean({ description: 'src is on the host (or a URL), not on the controller.', default: false }),
  copy: Type.Optional(Type.Boolean({ description: 'Deprecated opposite of remote_src.' })),
  creates: Type.Optional(Type.String({ description: 'A path on the host: when it exists, the task does nothing.' })),
  list_files: Type.Boolean({ description: 'Return the archive\'s file names as `files`.', default: false }),
  keep_newer: Type.Boolean({ description: 'Do not replace files newer than those in the archive (tar --keep-newer-files).', default: false }),
  exclude: strings('Archive members not to unpack (tar --exclude or unzip -x patterns).'),
  include: strings('The only archive members to unpack.'),
  extra_opts: strings('More tar or unzip options, one per item (--strip-components=1, -j); options that run programs or read other files are refused.'),
  validate_certs: Type.Boolean({ description: 'Verify the HTTPS certificate of a src URL.', default: true }),
  io_buffer_size: Type.Integer({ description: 'Accepted for compatibility (the host reads with its own buffers).', default: 65536 }),
  decrypt: Type.Boolean({ description: 'Accepted for compatibility (vault-encrypted archives are not decrypted).', default: true }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

const HANDLERS: Readonly<Record<string, string>> = { zip: 'ZipArchive', '-z': 'TgzArchive', '': 'TarArchive', '-j': 'TarBzipArchive', '-J': 'TarXzArchive', '--use-compress-program=zstd': 'TarZstdArchive' };

interface Source {
  readonly acquire: string;
  readonly stdin?: Buffer | string | undefined;
}

function modeOperand(mode: string | number | undefined): string | undefined {
  if (mode === undefined) return undefined;
  return typeof mode === 'number' ? `0${mode.toString(8)}` : mode;
}

export const unarchiveModule = defineModule({
  name: 'unarchive',
  short: 'Unpacks a zip or tar archive (gz, bz2, xz, zst or plain) into a directory, after copying it from the controller or downloading it on the host',
  params,
  mutuallyExclusive: [
    ['include', 'exclude'],
    ['copy', 'remote_src'],
  ],
  // check mode reads the archive on the host: a zip is compared member by member, a tar skips the task as Ansible's
  // tar handlers do
  async: 'refused',
  examples: `- name: Unpack a release shipped in files/
  unarchive: { src: app-1.2.tar.gz, dest: /opt/app }

- name: Download and unpack on the host
  unarchive:
    src: https://example.com/app-1.2.tar.gz
    dest: /opt/app
    remote_src: true
    creates: /opt/app/bin/app
`,
  probe(p) {
    const probes: Record<string, string> = { dest: directoryTestCommand(p.dest) };
    if (p.creates !== undefined) probes.creates = `test -e ${quote(p.creates)} && echo exists`;
    return probes;
  },
  plan(p, observed, ctx): Plan {
    if (p.creates !== undefined && observed.creates?.code === 0) return { kind: 'skip', msg: `skipped, since ${p.creates} exists` };
    const remote = p.copy !== undefined ? !p.copy : p.remote_src;
    const bad = modeProblem(p.mode) ?? [...p.extra_opts.map(extraOptProblem), ...[...p.include, ...p.exclude].map(zipPatternProblem)].find((m) => m !== undefined);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const attributes = attributesOf(p);
    const flags = attributes === undefined ? undefined : parseFlags(attributes);
    if (typeof flags === 'string') return { kind: 'fail', msg: flags };
    let source: Source;
    if (!remote) {
      let bytes: Buffer;
      try {
        if (ctx.readLocalBytes === undefined) throw new Error('no controller files here');
        bytes = ctx.readLocalBytes(p.src, 'files');
      } catch (err) {
        return { kind: 'fail', msg: `Could not find or access '${p.src}' on the Ansible Controller: ${errorMessage(err)}` };
      }
      if (!isDirectory(observed.dest)) return { kind: 'fail', msg: `dest '${p.dest}' must be an existing dir`, missingPrerequisite: `unpack ${p.src} into ${p.dest}` };
      source = { acquire: ['own=1', 'f=$(mktemp) || exit 1', 'cat > "$f" || exit 1'].join('\n'), stdin: bytes };
    } else {
      if (!isDirectory(observed.dest)) return { kind: 'fail', msg: `dest '${p.dest}' must be an existing dir`, missingPrerequisite: `unpack ${p.src} into ${p.dest}` };
      if (p.src.includes('://')) {
        const req = ansibleGet(p.src, p.validate_certs);
        const problem = requestProblem(req);
        if (problem !== undefined) return { kind: 'fail', msg: problem };
        const acquire = [HTTP_RUN, CLEANUP, '[ "$rc" = 0 ] || exit 0', 'read code rest < "$d/w"', '[ "$code" = 200 ] || { echo "result badstatus $(head -n 1 "$d/head" | tr -d \'\\r\')"; exit 0; }', 'f="$d/body"'];
        source = { acquire: acquire.join('\n'), stdin: requestInput(req) };
      } else {
        source = { acquire: [`f=${quote(p.src)}`, 'test -e "$f" || { echo "result nosrc"; exit 0; }', 'test -r "$f" || { echo "result unreadable"; exit 0; }'].join('\n') };
      }
    }
    const request: UnpackRequest = {
      dest: p.dest,
      acquire: source.acquire,
      extraOpts: p.extra_opts,
      exclude: p.exclude,
      include: p.include,
      keepNewer: p.keep_newer,
      owner: p.owner,
      group: p.group,
      mode: modeOperand(p.mode),
      check: false,
      flags,
      context: chconOptions(p),
    };
    const step = (check: boolean): Step => ({ cmd: unpackScript({ ...request, check }), stdin: source.stdin, describe: `${check ? 'compare' : 'unpack'} ${p.src} into ${p.dest}` });
    const summary = `unpack ${p.src} into ${p.dest} (if its files differ)`;
    return { kind: 'change', summary, steps: [step(false)], checkSteps: [step(true)], data: { dest: p.dest, src: p.src } };
  },
  finish(p, outputs): Finish {
    const out = outputs[0];
    if (out === undefined) return { changed: false };
    if (out.code !== 0) return { failed: `failed to unpack ${p.src} to ${p.dest}: ${out.stderr.trim()}` };
    const r = parseCurl(out.stdout);
    const result = r.lines.get('result');
    const data: Record<string, unknown> = { dest: p.dest, src: p.src };
    if (p.src.includes('://') && r.rc !== 0) return { failed: `Failure downloading ${p.src}, Request failed: <urlopen error ${r.error}>`, data };
    if (result !== undefined) {
      const why: Readonly<Record<string, string>> = {
        badstatus: `Failure downloading ${p.src}, HTTP Error ${result.replace(/^badstatus HTTP\/[\d.]+ /, '')}`,
        nosrc: `Source '${p.src}' does not exist`,
        unreadable: `Source '${p.src}' not readable`,
        empty: `Invalid archive '${p.src}', the file is 0 bytes`,
        badperm: `ZIP info perm format incorrect, ${result.slice('badperm '.length)}`,
        chattr: `chattr failed: Error while setting attributes: ${result.slice('chattr '.length).trim()}`,
        nohandler: `Failed to find handler for "${p.src}". Make sure the required command to extract the file is installed.`,
      };
      if (result === 'checkskip') return { skipped: 'remote module (unarchive) does not support check mode when using gtar', data: {} };
      return { failed: why[result.split(' ')[0] ?? ''] ?? `unarchive: ${result}`, data };
    }
    const lines = out.stdout.split('\n');
    const handler = HANDLERS[r.lines.get('handler') ?? ''] ?? 'TgzArchive';
    data.handler = handler;
    const extract = r.lines.get('extract');
    if (extract !== undefined && extract !== '0') {
      const err = lines.filter((l) => l.startsWith('xerr ')).map((l) => l.slice(5)).join('\n');
      return { failed: `failed to unpack ${p.src} to ${p.dest}`, data: { ...data, extract_results: { rc: Number(extract), err } } };
    }
    if (p.list_files) data.files = lines.filter((l) => l.startsWith('file ')).map((l) => l.slice(5));
    const attrs = lines.some((l) => l.startsWith('attrs '));
    if (handler !== 'ZipArchive') return { changed: extract === '0' || attrs, data };
    // a zip: Ansible returns the itemized differences as diff.prepared, and predicts from them in check mode
    const prepared = lines.filter((l) => l.startsWith('diff ')).map((l) => `${l.slice(5)}\n`).join('');
    if (prepared !== '') data.diff = { prepared };
    return { changed: r.lines.get('unarchived') === '0' || attrs, data };
  },
});
