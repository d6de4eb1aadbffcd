// The user module's view of a host: passwd entry, password hash digest, group memberships, wanted groups, ssh key.
// One probe prints one labelled line each; the password hash never leaves the host, only its sha256.
import { createHash } from 'node:crypto';
import type { ProbeOutput } from '../contract.js';
import { sh } from '../../engine/core/quote.js';

export interface PasswdEntry {
  readonly uid: number;
  readonly gid: number;
  readonly comment: string;
  readonly home: string;
  readonly shell: string;
}

export interface UserState {
  /** undefined when the user does not exist */
  readonly passwd: PasswdEntry | undefined;
  /** sha256 (hex) of the shadow hash without a lock's leading '!', or '' when it cannot be read */
  readonly hashDigest: string;
  /** groups whose member list names the user */
  readonly memberOf: readonly string[];
  /** the groups asked for that exist: name -> gid */
  readonly groups: ReadonlyMap<string, number>;
  /** the public key beside the ssh key file, '' when there is no key */
  readonly publicKey: string;
  readonly keyExists: boolean;
  /** /etc/shadow's minimum, maximum and warning days (-1 when empty), undefined when shadow cannot be read */
  readonly aging: { readonly min: number; readonly max: number; readonly warn: number } | undefined;
  /** /etc/shadow's account expiry in days since 1970 (-1 when none) */
  readonly expires: number;
  /** the password field starts with '!' (usermod -L) */
  readonly locked: boolean;
  /** whether the passwd entry's home and the home asked for exist (true when the probe did not look) */
  readonly homeExists: { readonly current: boolean; readonly wanted: boolean };
}

/** What the probe looks for beside the account: the ssh key file (relative to the home) and the home directory. */
export interface UserProbeFiles {
  readonly keyFile: string | undefined;
  /** the home to check when the module would create a missing one: the path asked for, or '' for the passwd entry's */
  readonly home: string | undefined;
}

/** The one probe: each line is "label value". `keyFile` may be relative to the user's home. */
export function userProbe(name: string, groupNames: readonly string[], files: UserProbeFiles, defaultHome: string): string {
  const { keyFile, home } = files;
  const lines = [
    sh`printf 'passwd %s\\n' "$(getent passwd -- ${name})"`,
    sh`printf 'shadow %s\\n' "$(getent shadow -- ${name} | cut -d: -f2 | sed 's/^!*//' | tr -d '\\n' | sha256sum | cut -d' ' -f1)"`,
    sh`printf 'aging %s\\n' "$(getent shadow -- ${name} | cut -d: -f2,4-6,8 | sed 's/^![^:]*:/!:/; s/^[^!:][^:]*:/:/')"`,
    sh`printf 'member %s\\n' "$(getent group | U=${name} awk -F: '{n=split($4,m,","); for(i=1;i<=n;i++) if(m[i]==ENVIRON["U"]) print $1}' | paste -sd, -)"`,
  ];
  if (groupNames.length > 0) lines.push(sh`printf 'groups %s\\n' "$(getent group -- ${groupNames} | cut -d: -f1,3 | paste -sd, -)"`);
  if (keyFile !== undefined) {
    const abs = keyFile.startsWith('/');
    lines.push(
      (abs ? sh`k=${keyFile}` : sh`h=$(getent passwd -- ${name} | cut -d: -f6); [ -n "$h" ] || h=${defaultHome}; k="$h"/${keyFile}`) +
        `; if [ -f "$k" ]; then printf 'key %s\\n' "$(head -n1 "$k.pub" 2>/dev/null || echo -)"; fi`,
    );
  }
  if (home !== undefined) {
    const wanted = home === '' ? '"$h"' : sh`${home}`;
    lines.push(sh`h=$(getent passwd -- ${name} | cut -d: -f6); printf 'homes %s %s\\n' "$([ -n "$h" ] && [ -e "$h" ] && echo 1 || echo 0)"` + ` "$([ -e ${wanted} ] && echo 1 || echo 0)"`);
  }
  return lines.join('\n');
}

/** The probe's lines back to the state. */
export function parseUserState(out: ProbeOutput | undefined): UserState {
  const labels = new Map<string, string>();
  for (const line of (out?.stdout ?? '').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) labels.set(line.slice(0, sp), line.slice(sp + 1));
  }
  const pw = (labels.get('passwd') ?? '').split(':');
  const passwd = pw.length >= 7 ? { uid: Number(pw[2]), gid: Number(pw[3]), comment: pw[4] ?? '', home: pw[5] ?? '', shell: pw[6] ?? '' } : undefined;
  const groups = new Map<string, number>();
  for (const g of (labels.get('groups') ?? '').split(',').filter((s) => s !== '')) {
    const [n, id] = g.split(':');
    if (n !== undefined && id !== undefined) groups.set(n, Number(id));
  }
  const key = labels.get('key');
  // "LOCK:min:max:warn:expire", LOCK being '!' for a locked password
  const [lock, ...days] = (labels.get('aging') ?? '').split(':');
  const day = (v: string | undefined): number => (v === undefined || v === '' ? -1 : Number(v));
  const [current, wanted] = (labels.get('homes') ?? '1 1').split(' ');
  return {
    passwd,
    hashDigest: labels.get('shadow') ?? '',
    memberOf: (labels.get('member') ?? '').split(',').filter((s) => s !== ''),
    groups,
    publicKey: key === undefined || key === '-' ? '' : key,
    keyExists: key !== undefined,
    aging: days.length === 4 ? { min: day(days[0]), max: day(days[1]), warn: day(days[2]) } : undefined,
    expires: day(days[3]),
    locked: lock === '!',
    homeExists: { current: current !== '0', wanted: wanted !== '0' },
  };
}

/** What the probe prints for a hash: sha256 of the hash text without a lock's '!' and without its newline. */
export function hashDigest(hash: string): string {
  return createHash('sha256').update(hash.replace(/^!+/, '')).digest('hex');
}
