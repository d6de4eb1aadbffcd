// get_url: download a file over HTTP/HTTPS/FTP ON THE HOST (python3) to dest, checksum-checked, replaced only when its content differs.
import { posix } from 'node:path';
import { Type } from '@sinclair/typebox';
import { quote, sh } from '../engine/core/quote.js';
import { defineModule, type Finish, type Plan, type Step, type StepOutput } from './contract.js';
import { checkMode as modeProblem, planAttrs } from './common/attrs.js';
import { attributesOf, currentFlags, flagsProbe, flagsShell, flagsSteps, parseFlags, type WantedFlags } from './common/file-attributes.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { contextProbe, contextSteps, contextStepsForNew } from './common/selinux-context.js';
import { HTTP_RUN, requestInput, parseCurl, requestOptions, requestProblem, tlsParams, urlFilename } from './common/http-request.js';
import { aliasOf } from './common/schema.js';
import { directoryTestCommand, isDirectory, parseStat, statCommand } from './common/stat.js';

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

const params = Type.Object({
  url: Type.String({ description: 'HTTP, HTTPS, FTP or file URL to fetch (from the host).' }),
  dest: Type.String({ description: 'The file to write on the host; a directory: the file goes inside it, named after the URL.' }),
  force: Type.Boolean({ description: 'Download even when dest exists with the given checksum (replaced only when its content differs).', default: false }),
  backup: Type.Boolean({ description: 'Keep the file a download replaces as DEST.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  checksum: Type.String({ description: "'<algorithm>:<hex digest>' (sha256:...): an existing dest with it is not fetched again; a download without it fails.", default: '' }),
  headers: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Extra request headers, as a dictionary.' })),
  url_username: Type.Optional(Type.String({ description: 'The user for HTTP basic authentication.' })),
  username: aliasOf('url_username', Type.Optional(Type.String({ description: 'Alias of url_username.' }))),
  url_password: Type.Optional(Type.String({ description: 'The password for HTTP basic authentication.' })),
  password: aliasOf('url_password', Type.Optional(Type.String({ description: 'Alias of url_password.' }))),
  force_basic_auth: Type.Boolean({ description: 'Send the credentials with the first request (kplay always does when a user is given).', default: false }),
  timeout: Type.Integer({ description: 'Seconds without progress before the request fails.', default: 10, minimum: 1 }),
  validate_certs: Type.Boolean({ description: 'Verify the HTTPS certificate.', default: true }),
  ...tlsParams,
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

interface Wanted {
  readonly algorithm: Algorithm | undefined;
  readonly digest: string;
}

/** Ansible's parsing of `checksum`: algorithm:hex, non-word characters dropped, lower case. */
function parseChecksum(text: string): Wanted | string {
  if (text === '') return { algorithm: undefined, digest: '' };
  const at = text.indexOf(':');
  if (at < 0) return 'The checksum parameter has to be in format <algorithm>:<checksum>';
  const algorithm = text.slice(0, at);
  const value = text.slice(at + 1);
  if (/^(https?|ftp|file):\/\//i.test(value)) return 'a checksum given as a URL is not supported by kplay: give the digest itself';
  if (!(ALGORITHMS as readonly string[]).includes(algorithm)) return `Could not hash file with ${algorithm}`;
  const digest = value.replace(/\W+/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digest)) return 'The checksum format is invalid';
  return { algorithm: algorithm as Algorithm, digest };
}

const sumOf = (algorithm: string, file: string): string => `$(${algorithm}sum < ${file} | cut -d' ' -f1)`;

/**
 * Download into a temp file, check the digest, then write dest in place (its mode and owner kept) only when different;
 * with backup, the file it replaces is first copied (mode, owner and times kept) to Ansible's backup_local name.
 */
function downloadScript(dest: string, want: Wanted, backup: boolean): string {
  const keep = backup ? `if test -e "$p"; then b="$p.$$.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p -- "$p" "$b" || exit 1; echo "backup $b"; fi; ` : '';
  const check =
    want.algorithm === undefined
      ? ''
      : `got=${sumOf(want.algorithm, '"$d/body"')}; echo "digest $got"; if [ "$got" != ${sh`${want.digest}`} ]; then rm -f -- "$p"; echo 'result mismatch'; exit 0; fi`;
  return [
    HTTP_RUN,
    `[ "$rc" = 0 ] || exit 0`,
    `echo "status $(grep -a '^HTTP/' "$d/head" | tail -n 1 | tr -d '\\r')"`,
    `read code rest < "$d/w"; [ "$code" = 200 ] || { echo 'result badstatus'; exit 0; }`,
    sh`p=${dest}; parent=${posix.dirname(dest)}`,
    `echo "dest $p"`,
    `test -d "$parent" || { echo 'result nodir'; exit 0; }`,
    `echo "src ${sumOf('sha1', '"$d/body"')}"`,
    `if test -e "$p"; then echo "destsum ${sumOf('sha1', '"$p"')}"; fi`,
    check,
    `if test -e "$p" && [ "$(sha1sum < "$d/body")" = "$(sha1sum < "$p")" ]; then echo 'result same'; else ${keep}cat "$d/body" > "$p" || exit 1; echo 'result written'; fi`,
    `echo "md5 ${sumOf('md5', '"$p"')}"`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export const getUrlModule = defineModule({
  name: 'get_url',
  short: 'Downloads files from HTTP, HTTPS, or FTP to the host (the host fetches, with python3)',
  params,
  mutuallyExclusive: [
    ['url_username', 'username'],
    ['url_password', 'password'],
  ],
  checkMode: 'plan',
  examples: `- name: Fetch a release, checked
  get_url:
    url: https://example.com/app-1.2.tar.gz
    dest: /opt/app-1.2.tar.gz
    checksum: sha256:0b1c...
    mode: '0644'
`,
  probe(p) {
    const inside = posix.join(p.dest, urlFilename(p.url));
    const want = parseChecksum(p.checksum);
    const probes: Record<string, string> = { dir: directoryTestCommand(p.dest), stat: statCommand(p.dest) };
    if (typeof want !== 'string' && want.algorithm !== undefined) probes.digest = `test -f ${sh`${p.dest}`} && ${want.algorithm}sum < ${sh`${p.dest}`}`;
    probes.inside = statCommand(inside);
    if (attributesOf(p) !== undefined) probes.flags = flagsProbe(p.dest);
    const context = contextProbe(p.dest, p);
    if (context !== undefined) probes.context = context;
    const contextInside = contextProbe(inside, p);
    if (contextInside !== undefined) probes.contextInside = contextInside;
    return probes;
  },
  plan(p, observed): Plan {
    const want = parseChecksum(p.checksum);
    if (typeof want === 'string') return { kind: 'fail', msg: want };
    const bad = modeProblem(p.mode);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const attributes = attributesOf(p);
    const flags = attributes === undefined ? undefined : parseFlags(attributes);
    if (typeof flags === 'string') return { kind: 'fail', msg: flags };
    const req = {
      url: p.url,
      headers: p.headers ?? {},
      username: p.url_username ?? p.username,
      password: p.url_password ?? p.password,
      follow: true,
      timeout: p.timeout,
      validateCerts: p.validate_certs,
      ...requestOptions(p),
      noCache: p.force,
    };
    const problem = requestProblem(req);
    if (problem !== undefined) return { kind: 'fail', msg: problem };
    const isDir = isDirectory(observed.dir);
    const dest = isDir ? posix.join(p.dest, urlFilename(p.url)) : p.dest;
    const current = parseStat(isDir ? observed.inside : observed.stat);
    const attrs = { mode: p.mode, owner: p.owner, group: p.group };
    const digest = (observed.digest?.stdout ?? '').split(' ')[0] ?? '';
    const contextNow = isDir ? observed.contextInside : observed.context;
    // the download writes an existing file in place (its context kept); a new one gets every part asked for
    const context = current?.type === 'file' ? contextSteps(dest, p, contextNow) : contextStepsForNew(dest, p, contextNow);
    if (!isDir && current !== undefined && !p.force && want.digest !== '' && digest === want.digest) {
      const steps = [...planAttrs(dest, attrs, current).steps, ...flagsSteps(dest, flags, currentFlags(observed.flags)), ...context];
      const data = { dest, url: p.url };
      if (steps.length === 0) return { kind: 'ok', reason: 'file already exists', data: { ...data, msg: 'file already exists' } };
      return { kind: 'change', summary: 'file already exists but file attributes changed', steps, data: { ...data, msg: 'file already exists but file attributes changed' } };
    }
    const fix = planAttrs(dest, attrs, current?.type === 'file' ? current : undefined);
    const download = { cmd: downloadScript(dest, want, p.backup), stdin: requestInput(req), describe: `download ${p.url} to ${dest}` };
    // the file may be replaced by the download: its flags are compared once it is there, as Ansible does after the move
    const chattr = flags === undefined ? [] : [flagsAfterDownload(dest, flags)];
    return { kind: 'change', summary: `download ${p.url} to ${dest}`, steps: [download, ...fix.steps, ...chattr, ...context], data: { dest, url: p.url } };
  },
  finish(p, outputs): Finish {
    const first: StepOutput | undefined = outputs[0];
    if (first === undefined || !first.step.describe.startsWith('download ')) return { changed: true };
    const attrsChanged = outputs.slice(1).some((o) => o.step.describe !== 'chattr' || o.stdout.includes(CHATTR_SET));
    return finishDownload(p.url, p.dest, p.checksum, first, attrsChanged);
  },
});

const CHATTR_SET = 'chattr set';

/** chattr on the downloaded file when its letters differ, saying so on stdout; a failure fails the task. */
function flagsAfterDownload(dest: string, flags: WantedFlags): Step {
  const fail = `printf 'Error while setting attributes: %s\\n' "$e" >&2; exit 1`;
  return { cmd: flagsShell(quote(dest), flags, `echo ${quote(CHATTR_SET)}`, fail).join('\n'), describe: 'chattr' };
}

function finishDownload(url: string, wanted: string, checksum: string, out: StepOutput, attrsChanged: boolean): Finish {
  const r = parseCurl(out.stdout);
  if (r.rc !== 0) {
    // fetch_url's message: url_get fails with it (status -1), or fetch_url itself does (a ValueError)
    const msg = r.lines.get('msg') ?? `Request failed: <urlopen error ${r.error || `fetcher exit code ${r.rc}`}>`;
    return { failed: msg, data: r.lines.get('fatal') === '1' ? { url, status: -1 } : { url, dest: wanted, elapsed: 0 } };
  }
  const statusLine = r.lines.get('status') ?? '';
  const result = r.lines.get('result') ?? '';
  const dest = r.lines.get('dest');
  if (result === 'badstatus') {
    const reason = statusLine.replace(/^HTTP\/[\d.]+\s+\d+\s*/, '');
    return { failed: 'Request failed', data: { url, dest: wanted, status_code: r.status, response: `HTTP Error ${r.status}: ${reason}`, elapsed: 0 } };
  }
  if (result === 'nodir') return { failed: `Destination ${posix.dirname(dest ?? '')} does not exist`, data: { url, dest } };
  const data: Record<string, unknown> = { url, dest, status_code: r.status, checksum_src: r.lines.get('src') };
  const destSum = r.lines.get('destsum');
  if (destSum !== undefined) data.checksum_dest = destSum;
  if (result === 'mismatch') {
    const want = checksum.slice(checksum.indexOf(':') + 1).replace(/\W+/g, '').toLowerCase();
    // Ansible moves the download in before it checks, then removes it: changed when the content was new
    return { failed: `The checksum for ${dest ?? ''} did not match ${want}; it was ${r.lines.get('digest') ?? ''}.`, changed: destSum !== r.lines.get('src'), data };
  }
  if (result !== 'same' && result !== 'written') return { failed: `download failed: ${out.stderr.trim() || out.stdout.trim()}`, data };
  data.md5sum = r.lines.get('md5');
  const backup = r.lines.get('backup');
  if (backup !== undefined) data.backup_file = backup;
  data.msg = `OK (${r.size} bytes)`;
  return { changed: result === 'written' || attrsChanged, data };
}
