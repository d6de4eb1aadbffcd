// yum_repository: one [repoid] section of REPOSDIR/FILE.repo, written as Ansible's configparser writes it; changed only when its sorted dump differs.
import { posix } from 'node:path';
import { Type, type TArray, type TBoolean, type TOptional, type TString } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule, type Plan } from './contract.js';
import { checkMode as modeProblem, planAttrs } from './common/attrs.js';
import { dumpIni, parseIni, writeIni, type IniSections } from './common/config-ini.js';
import { attributesOf, currentFlags, fileAttributesParams, flagsProbe, flagsSteps, parseFlags } from './common/file-attributes.js';
import { groupParam, modeParam, ownerParam } from './common/file-params.js';
import { aliasOf, choice } from './common/schema.js';
import { directoryTestCommand, isDirectory, parseStat } from './common/stat.js';
import { planWrite, writeProbes } from './common/write-file.js';

const str = (description: string): TOptional<TString> => Type.Optional(Type.String({ description }));
const bool = (description: string): TOptional<TBoolean> => Type.Optional(Type.Boolean({ description }));
const list = (description: string): TOptional<TArray<TString>> => Type.Optional(Type.Array(Type.String(), { description }));

const params = Type.Object({
  name: Type.String({ description: 'The repository id: the [section] of the .repo file.' }),
  description: str("The repository's human-readable name (its `name =` line). Required with state present."),
  baseurl: list('URLs of the repository (several: one per line in the file).'),
  mirrorlist: str('URL of a file listing mirrors.'),
  metalink: str('URL of a metalink file.'),
  file: str('The file name without .repo (default: the repository id).'),
  reposdir: Type.String({ description: 'The directory of the .repo files.', default: '/etc/yum.repos.d' }),
  state: choice(['present', 'absent'], { description: 'present writes the section; absent removes it (and the file when it was its last).', default: 'present' }),
  enabled: bool('Whether yum uses the repository.'),
  gpgcheck: bool('Check the GPG signatures of the packages.'),
  gpgkey: list('URLs of the GPG keys (several: one per line).'),
  gpgcakey: str('URL of a CA key for the GPG keys.'),
  repo_gpgcheck: bool("Check the GPG signature of the repository's metadata."),
  priority: str('Priority (1-99, lower first).'),
  cost: str('Relative cost of reaching the repository.'),
  exclude: list('Packages not to use from this repository (globs); joined by spaces.'),
  includepkgs: list('The only packages to use from this repository; joined by spaces.'),
  include: str('Another file of options to include.'),
  module_hotfixes: bool('Use packages of this repository even when modular filtering would hide them.'),
  sslverify: bool('Verify the repository server certificate.'),
  validate_certs: aliasOf('sslverify', bool('Alias of sslverify.')),
  sslcacert: str('Path of the CA certificate for the server.'),
  ca_cert: aliasOf('sslcacert', str('Alias of sslcacert.')),
  sslclientcert: str('Path of the client certificate.'),
  client_cert: aliasOf('sslclientcert', str('Alias of sslclientcert.')),
  sslclientkey: str('Path of the client key.'),
  client_key: aliasOf('sslclientkey', str('Alias of sslclientkey.')),
  ssl_check_cert_permissions: bool('Check the permissions of the SSL files.'),
  skip_if_unavailable: bool('Go on when the repository cannot be reached.'),
  async: bool('Download from this repository in parallel.'),
  bandwidth: str('Maximum bandwidth (throttle).'),
  deltarpm_metadata_percentage: str('When to download deltarpm metadata.'),
  deltarpm_percentage: str('When to use a delta rpm.'),
  enablegroups: bool('Use the package groups of this repository.'),
  failovermethod: Type.Optional(choice(['roundrobin', 'priority'], { description: 'How to choose among baseurls.' })),
  http_caching: Type.Optional(choice(['all', 'packages', 'none'], { description: 'What HTTP caches may keep.' })),
  ip_resolve: Type.Optional(choice(['4', '6', 'IPv4', 'IPv6', 'whatever'], { description: 'IPv4 or IPv6 only.' })),
  keepalive: bool('Use HTTP keepalive.'),
  keepcache: Type.Optional(choice(['0', '1'], { description: 'Keep the downloaded packages.' })),
  metadata_expire: str('Seconds before the metadata expires.'),
  metadata_expire_filter: Type.Optional(choice(['never', 'read-only:past', 'read-only:present', 'read-only:future'], { description: 'Which commands check metadata expiry.' })),
  mirrorlist_expire: str('Seconds before the mirror list expires.'),
  password: str('Password for the repository.'),
  protect: bool('Protect packages from updates from other repositories.'),
  proxy: str('Proxy URL (_none_ for none).'),
  proxy_password: str('Proxy password.'),
  proxy_username: str('Proxy user.'),
  retries: str('Retries when fetching.'),
  s3_enabled: bool('The repository is on S3.'),
  throttle: str('Bandwidth throttle.'),
  timeout: str('Seconds before a connection times out.'),
  ui_repoid_vars: str('Variables expanded in the repository id shown.'),
  username: str('User for the repository.'),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Removed in Ansible 2.5: refused.' })),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileAttributesParams,
});

type Params = Record<string, unknown> & { name: string; reposdir: string; state: 'present' | 'absent'; file?: string | undefined; description?: string | undefined };

// the options Ansible writes into the section (yum_repository.py's allowed_params, `name` being the description)
const WRITTEN = [
  'async', 'bandwidth', 'baseurl', 'cost', 'deltarpm_metadata_percentage', 'deltarpm_percentage', 'enabled', 'enablegroups', 'exclude', 'failovermethod',
  'gpgcakey', 'gpgcheck', 'gpgkey', 'module_hotfixes', 'http_caching', 'include', 'includepkgs', 'ip_resolve', 'keepalive', 'keepcache', 'metadata_expire',
  'metadata_expire_filter', 'metalink', 'mirrorlist', 'mirrorlist_expire', 'name', 'password', 'priority', 'protect', 'proxy', 'proxy_password',
  'proxy_username', 'repo_gpgcheck', 'retries', 's3_enabled', 'skip_if_unavailable', 'sslcacert', 'ssl_check_cert_permissions', 'sslclientcert',
  'sslclientkey', 'sslverify', 'throttle', 'timeout', 'ui_repoid_vars', 'username',
] as const;

/** The section's options as Ansible sets them: sorted by name, booleans as 1/0, baseurl/gpgkey one per line, exclude/includepkgs space-joined. */
function sectionOf(p: Params): Map<string, string> {
  const values: Record<string, unknown> = {
    ...p,
    name: p.description,
    sslverify: p.sslverify ?? p.validate_certs,
    sslcacert: p.sslcacert ?? p.ca_cert,
    sslclientcert: p.sslclientcert ?? p.client_cert,
    sslclientkey: p.sslclientkey ?? p.client_key,
  };
  const opts = new Map<string, string>();
  for (const key of [...WRITTEN].sort()) {
    const v = values[key];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) opts.set(key, v.map(String).join(key === 'baseurl' || key === 'gpgkey' ? '\n' : ' '));
    else if (typeof v === 'boolean') opts.set(key, v ? '1' : '0');
    else if (typeof v === 'string') opts.set(key, v);
  }
  return opts;
}

function destOf(p: Params): string {
  return posix.join(p.reposdir, `${p.file ?? p.name}.repo`);
}

export const yumRepositoryModule = defineModule({
  name: 'yum_repository',
  short: 'Add or remove YUM repositories (a section of a .repo file)',
  params,
  mutuallyExclusive: [
    ['sslverify', 'validate_certs'],
    ['sslcacert', 'ca_cert'],
    ['sslclientcert', 'client_cert'],
    ['sslclientkey', 'client_key'],
  ],
  checkMode: 'plan',
  examples: `- name: Add the EPEL repository
  yum_repository:
    name: epel
    description: EPEL YUM repo
    baseurl: https://download.fedoraproject.org/pub/epel/$releasever/$basearch/
    gpgcheck: true
    gpgkey: https://download.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-8

- name: Remove it
  yum_repository: { name: epel, state: absent }
`,
  probe(p, ctx) {
    const dest = destOf(p);
    const flags: Record<string, string> = attributesOf(p) === undefined ? {} : { flags: flagsProbe(dest) };
    return { ...writeProbes({ dest }, ctx), ...flags, reposdir: directoryTestCommand(p.reposdir), text: sh`test -f ${dest} && cat < ${dest}` };
  },
  plan(p, observed, ctx): Plan {
    if (p.params !== undefined) return { kind: 'fail', msg: "The params option to yum_repository was removed in Ansible 2.5 since it circumvents Ansible's option handling" };
    if (p.state === 'present') {
      if (p.baseurl === undefined && p.metalink === undefined && p.mirrorlist === undefined) return { kind: 'fail', msg: "Parameter 'baseurl', 'metalink' or 'mirrorlist' is required." };
      if (p.description === undefined) return { kind: 'fail', msg: "Parameter 'description' is required." };
    }
    // a line break in the section name would start another section; in a value configparser indents it (continuation)
    if (/[\n\r\]]/.test(p.name) || p.name === '') return { kind: 'fail', msg: `invalid repository id ${JSON.stringify(p.name)}: it becomes the [section] header` };
    const bad = modeProblem(p.mode);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const attributes = attributesOf(p);
    const flags = attributes === undefined ? undefined : parseFlags(attributes);
    if (typeof flags === 'string') return { kind: 'fail', msg: flags };
    if (!isDirectory(observed.reposdir)) return { kind: 'fail', msg: `Repo directory '${p.reposdir}' does not exist.` };
    const dest = destOf(p);
    const existing = observed.text?.code === 0 ? parseIni(observed.text.stdout, dest) : new Map<string, Map<string, string>>();
    if (typeof existing === 'string') return { kind: 'fail', msg: existing };
    const after: IniSections = new Map(existing);
    after.delete(p.name);
    if (p.state === 'present') after.set(p.name, sectionOf(p));
    const diff = { path: dest, before: dumpIni(existing), after: dumpIni(after) };
    const data = { repo: p.name, state: p.state };
    const attrs = { mode: p.mode, owner: p.owner, group: p.group };
    if (diff.before === diff.after) {
      const current = parseStat(observed.dest);
      const own = current?.type === 'file' ? planAttrs(dest, attrs, current) : { steps: [], changes: [] };
      const chattr = current?.type === 'file' ? flagsSteps(dest, flags, currentFlags(observed.flags)) : [];
      const fix = { steps: [...own.steps, ...chattr], changes: [...own.changes, ...(chattr.length > 0 ? ['chattr attributes'] : [])] };
      if (fix.steps.length === 0) return { kind: 'ok', reason: p.state === 'present' ? `repository ${p.name} is in ${dest} as wanted` : `repository ${p.name} is not in ${dest}`, data };
      return { kind: 'change', summary: `${fix.changes.join(', ')} on ${dest}`, steps: fix.steps, data };
    }
    if (after.size === 0) {
      return { kind: 'change', summary: `remove ${dest} (its last repository ${p.name} removed)`, steps: [{ cmd: sh`rm -f -- ${dest}`, describe: `remove ${dest}` }], diff, data };
    }
    const write = planWrite({ dest, ...attrs, attributes }, writeIni(after), observed, ctx);
    if (write.kind !== 'change') return write.kind === 'ok' ? { kind: 'ok', reason: write.reason, data } : write;
    const verb = p.state === 'absent' ? `remove repository ${p.name} from` : existing.has(p.name) ? `update repository ${p.name} in` : `add repository ${p.name} to`;
    return { kind: 'change', summary: `${verb} ${dest}`, steps: write.steps, diff, data };
  },
});
