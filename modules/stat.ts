// stat: what a path on the host is (Ansible's stat dict: type, mode, owner, times, checksum, mime, attributes); never changes it.
import { Type, type TBoolean, type TOptional } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { aliasOf, choice } from './common/schema.js';
import { parseAccess, parseAttributes, parseChecksum, parseLink, parseMime, parseStatLine, STAT_FORMAT } from './common/stat-result.js';

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];

const algo = (description: string): ReturnType<typeof choice<Algorithm>> => choice(ALGORITHMS, { description });
const bool = (description: string): TOptional<TBoolean> => Type.Optional(Type.Boolean({ description }));

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The full path of the file or object to look at.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  name: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  follow: Type.Boolean({ description: 'Follow a symlink: report what it points to.', default: false }),
  get_checksum: Type.Boolean({ description: 'Return the checksum of a regular file the task user can read.', default: true }),
  get_md5: Type.Boolean({ description: 'Also return the md5 of a regular file (undocumented in Ansible, kept for old roles).', default: false }),
  checksum_algorithm: Type.Optional(algo('The algorithm of `checksum` (default sha1).')),
  checksum: aliasOf('checksum_algorithm', Type.Optional(algo('Alias of checksum_algorithm.'))),
  checksum_algo: aliasOf('checksum_algorithm', Type.Optional(algo('Alias of checksum_algorithm.'))),
  get_mime: bool('Return mimetype and charset, from file(1) (unknown when file(1) is absent). Default true.'),
  mime: aliasOf('get_mime', bool('Alias of get_mime.')),
  mime_type: aliasOf('get_mime', bool('Alias of get_mime.')),
  'mime-type': aliasOf('get_mime', bool('Alias of get_mime.')),
  get_attributes: bool('Return the lsattr attributes (version, attributes, attr_flags). Default true.'),
  attr: aliasOf('get_attributes', bool('Alias of get_attributes.')),
  attributes: aliasOf('get_attributes', bool('Alias of get_attributes.')),
});

interface Params {
  path?: string | undefined;
  dest?: string | undefined;
  name?: string | undefined;
  follow: boolean;
  get_checksum: boolean;
  get_md5: boolean;
  checksum_algorithm?: Algorithm | undefined;
  checksum?: Algorithm | undefined;
  checksum_algo?: Algorithm | undefined;
  get_mime?: boolean | undefined;
  mime?: boolean | undefined;
  mime_type?: boolean | undefined;
  'mime-type'?: boolean | undefined;
  get_attributes?: boolean | undefined;
  attr?: boolean | undefined;
  attributes?: boolean | undefined;
}

const pathOf = (p: Params): string => p.path ?? p.dest ?? p.name ?? '';
const algorithmOf = (p: Params): Algorithm => p.checksum_algorithm ?? p.checksum ?? p.checksum_algo ?? 'sha1';
const wantsMime = (p: Params): boolean => p.get_mime ?? p.mime ?? p.mime_type ?? p['mime-type'] ?? true;
const wantsAttributes = (p: Params): boolean => p.get_attributes ?? p.attr ?? p.attributes ?? true;

/** a regular file (not a link unless followed) the task user can read: what Ansible checksums */
function readableFile(path: string, follow: boolean): string {
  return follow ? sh`test -f ${path} && test -r ${path}` : sh`! test -h ${path} && test -f ${path} && test -r ${path}`;
}

export const statModule = defineModule({
  name: 'stat',
  short: 'Retrieve file or file system status',
  params,
  mutuallyExclusive: [
    ['path', 'dest', 'name'],
    ['checksum_algorithm', 'checksum', 'checksum_algo'],
    ['get_mime', 'mime', 'mime_type', 'mime-type'],
    ['get_attributes', 'attr', 'attributes'],
  ],
  requiredOneOf: [['path', 'dest', 'name']],
  checkMode: 'plan',
  examples: `- name: Is there a config file?
  stat:
    path: /etc/foo.conf
  register: st
- name: Its sha256
  stat: { path: /etc/foo.conf, checksum_algorithm: sha256, get_mime: false }
`,
  probe(p) {
    const path = pathOf(p);
    const probes: Record<string, string> = {
      stat: p.follow ? sh`stat -L -c ${STAT_FORMAT} -- ${path}` : sh`stat -c ${STAT_FORMAT} -- ${path}`,
      access: `${sh`test -r ${path}`} && printf r; ${sh`test -w ${path}`} && printf w; ${sh`test -x ${path}`} && printf x; true`,
      link: sh`test -h ${path} && readlink -- ${path} && readlink -m -- ${path}`,
    };
    if (p.get_checksum) probes.checksum = `${readableFile(path, p.follow)} && ${algorithmOf(p)}sum -- ${sh`${path}`}`;
    if (p.get_md5) probes.md5 = `${readableFile(path, p.follow)} && md5sum -- ${sh`${path}`}`;
    if (wantsMime(p)) probes.mime = sh`command -v file >/dev/null && file --mime-type --mime-encoding -- ${path}`;
    if (wantsAttributes(p)) probes.attributes = sh`command -v lsattr >/dev/null && lsattr -vd -- ${path}`;
    return probes;
  },
  plan(p, observed) {
    const path = pathOf(p);
    const out = observed.stat;
    if (!out || out.code !== 0) {
      if (/No such file or directory/.test(out?.stderr ?? '')) {
        return { kind: 'ok', reason: `${path} does not exist`, data: { stat: { exists: false } } };
      }
      return { kind: 'fail', msg: (out?.stderr ?? '').trim().replace(/^stat: /, '') || `cannot stat ${path}` };
    }
    const base = parseStatLine(path, out.stdout.split('\n')[0] ?? '');
    if (!base) return { kind: 'fail', msg: `unexpected stat output for ${path}: ${out.stdout.trim()}` };
    const result: Record<string, unknown> = { ...base, ...parseAccess(observed.access) };
    if (result.islnk === true) Object.assign(result, parseLink(observed.link));
    if (result.isreg === true && result.readable === true) {
      if (p.get_md5) result.md5 = parseChecksum(observed.md5) ?? null;
      if (p.get_checksum) {
        const sum = parseChecksum(observed.checksum);
        if (sum !== undefined) result.checksum = sum;
      }
    }
    if (wantsMime(p)) Object.assign(result, parseMime(observed.mime));
    if (wantsAttributes(p)) Object.assign(result, parseAttributes(observed.attributes));
    return { kind: 'ok', reason: `${path} exists`, data: { stat: result } };
  },
});
