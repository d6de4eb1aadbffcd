// mount: a mount point in /etc/fstab and in the running system, as ansible.posix.mount does it on Linux. One probe
// reads the fstab and whether the path is mounted (/proc/self/mountinfo); the fstab edit is pure
// (support/fstab-edit.ts); mount, umount and remount are the host's own commands.
import { Type, type Static } from '@sinclair/typebox';
import { posix } from 'node:path';
import { quote, sh, shellJoin } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { replaceFileStep } from './support/replace-file.js';
import { escapeFstab, setFstab, unsetFstab, type FstabEntry } from './support/fstab-edit.js';

const STATES = ['absent', 'absent_from_fstab', 'mounted', 'present', 'unmounted', 'remounted', 'ephemeral'] as const;
const DEFAULT_FSTAB = '/etc/fstab';

const params = Type.Object({
  path: Type.Optional(operand('The mount point.')),
  name: aliasOf('path', Type.Optional(operand('Alias of path.'))),
  src: Type.Optional(Type.String({ description: 'The device (or remote, or bind source) to mount. Required for present and mounted.' })),
  fstype: Type.Optional(Type.String({ description: 'The file system type. Required for present and mounted.' })),
  opts: Type.Optional(Type.String({ description: 'Mount options (default: defaults).' })),
  dump: Type.String({ description: 'The fstab dump field.', default: '0' }),
  passno: Type.String({ description: 'The fstab passno field.', default: '0' }),
  state: choice(STATES, {
    description: 'mounted: in fstab and mounted; present: in fstab only; unmounted: not mounted (fstab kept); absent: neither (its directory removed); absent_from_fstab: not in fstab; remounted: remount now.',
  }),
  fstab: Type.Optional(Type.String({ description: 'The fstab file (default /etc/fstab); another one is passed to mount with -T.' })),
  boot: Type.Boolean({ description: 'Mount at boot; false adds noauto to opts (unless opts is defaults).', default: true }),
  backup: Type.Boolean({ description: 'Keep the replaced fstab as FSTAB.PID.TIMESTAMP~.', default: false }),
});

type Params = Static<typeof params>;

/** The mount point, by path or its alias name. */
const pathOf = (p: Params): string => p.path ?? p.name ?? '';

/** The fstab line's fields and the file, after Ansible's defaults and its boot/noauto rule. */
function entryOf(p: Params): FstabEntry & { fstab: string; boot: string } {
  let opts = p.opts ?? 'defaults';
  let boot = 'yes';
  const list = opts.split(',');
  if (!list.includes('noauto') && !p.boot) {
    boot = 'no';
    if (!list.includes('defaults')) opts = [...list, 'noauto'].join(',');
  }
  return { src: p.src ?? '', name: pathOf(p), fstype: p.fstype ?? '', opts, dump: p.dump, passno: p.passno, fstab: p.fstab ?? DEFAULT_FSTAB, boot };
}

/** -T FSTAB for a file other than /etc/fstab, as Ansible's _set_fstab_args. */
const fstabArgs = (fstab: string): string[] => (fstab !== DEFAULT_FSTAB ? ['-T', fstab] : []);

export const mountModule = defineModule({
  name: 'mount',
  aliases: ['ansible.posix.mount'],
  short: 'Mount file systems and keep /etc/fstab in line',
  params,
  requiredOneOf: [['path', 'name']],
  mutuallyExclusive: [['path', 'name']],
  checkMode: 'plan',
  examples: `- name: A tmpfs for the build cache, now and after boot
  mount:
    path: /var/cache/build
    src: tmpfs
    fstype: tmpfs
    opts: size=512m
    state: mounted
`,
  probe(p) {
    const path = pathOf(p);
    const fstab = p.fstab ?? DEFAULT_FSTAB;
    // mountinfo's field 5 is the mount point, with a space written \\040 (as in fstab)
    return {
      fstab: sh`cat -- ${fstab}`,
      // through the environment: awk -v would decode the backslashes
      mounted: sh`P=${escapeFstab(posix.normalize(path))} awk '$5 == ENVIRON["P"] { print "mounted"; exit }' /proc/self/mountinfo`,
      exists: sh`test -e ${path} && echo exists`,
    };
  },
  plan(p, observed) {
    const path = pathOf(p);
    if (p.state === 'ephemeral') return { kind: 'fail', msg: 'kplay does not do ephemeral mounts (state=ephemeral) yet: use state=mounted with a fstab of its own' };
    const e = entryOf(p);
    if ((p.state === 'mounted' || p.state === 'present') && (p.src === undefined || p.fstype === undefined)) {
      const missing = [p.src === undefined ? 'src' : '', p.fstype === undefined ? 'fstype' : ''].filter((x) => x !== '');
      return { kind: 'fail', msg: `state is ${p.state} but all of the following are missing: ${missing.join(', ')}` };
    }
    const text = observed.fstab?.code === 0 ? observed.fstab.stdout : '';
    const mounted = (observed.mounted?.stdout ?? '').includes('mounted');
    const exists = (observed.exists?.stdout ?? '').includes('exists');
    const data = { name: path, src: e.src, fstype: e.fstype, opts: e.opts, dump: e.dump, passno: e.passno, fstab: e.fstab, boot: e.boot, backup_file: '' };
    const steps: Step[] = [];
    const writeFstab = (next: string): void => {
      if (observed.fstab?.code !== 0) steps.push({ cmd: sh`mkdir -p -- ${posix.dirname(e.fstab)}`, describe: `create directory ${posix.dirname(e.fstab)}` });
      steps.push(replaceFileStep(e.fstab, next));
    };
    const umount: Step = { cmd: shellJoin(['umount', path]), describe: `unmount ${path}` };
    const mountCmd = shellJoin(['mount', ...fstabArgs(e.fstab), path]);
    // Ansible's remount: mount -o remount, else umount and mount again
    const remount = (withOpts: boolean): Step => {
      const o = withOpts && e.opts !== 'defaults' ? `remount,${e.opts}` : 'remount';
      const again = `${shellJoin(['mount', '-o', o, ...fstabArgs(e.fstab), path])} || { ${shellJoin(['umount', path])} && ${mountCmd}; }`;
      return { cmd: again, describe: `remount ${path}` };
    };
    switch (p.state) {
      case 'present':
      case 'absent_from_fstab': {
        const r = p.state === 'present' ? setFstab(text, e) : unsetFstab(text, path, p.src);
        if (!r.changed) return { kind: 'ok', reason: `${path} is ${p.state === 'present' ? 'in' : 'not in'} ${e.fstab} as wanted`, data };
        writeFstab(r.text);
        return { kind: 'change', summary: `${p.state === 'present' ? 'set' : 'remove'} ${path} in ${e.fstab}`, steps, data };
      }
      case 'absent': {
        const r = unsetFstab(text, path, p.src);
        if (!r.changed) return { kind: 'ok', reason: `${path} is not in ${e.fstab}`, data };
        writeFstab(r.text);
        if (mounted) steps.push(umount);
        if (exists || mounted) steps.push({ cmd: sh`rmdir -- ${path}`, describe: `remove the directory ${path}` });
        return { kind: 'change', summary: `remove ${path} from ${e.fstab}${mounted ? ', unmount it' : ''}`, steps, data };
      }
      case 'unmounted':
        if (!mounted) return { kind: 'ok', reason: `${path} is not mounted`, data };
        return { kind: 'change', summary: `unmount ${path}`, steps: [umount], data };
      case 'remounted':
        return { kind: 'change', summary: `remount ${path}`, steps: [remount(true)], data };
      case 'mounted': {
        const r = setFstab(text, e);
        if (r.changed) writeFstab(r.text);
        if (mounted) {
          if (!exists) steps.push({ cmd: sh`mkdir -p -- ${path}`, describe: `create the mount point ${path}` });
          if (!r.changed) return { kind: 'ok', reason: `${path} is mounted and in ${e.fstab} as wanted`, data };
          steps.push(remount(false));
          return { kind: 'change', summary: `set ${path} in ${e.fstab}, remount it`, steps, data };
        }
        // a mount that fails puts the fstab back as it was and removes the directories it made, as Ansible does
        // the directories made, deepest first, one per line
        const made = exists ? [] : [`c=; ${sh`d=${path}`}; while [ ! -e "$d" ]; do c="$c$d
"; d=$(dirname -- "$d"); done; ${sh`mkdir -p -- ${path}`} || exit 1`];
        const undo = [
          ...(r.changed && observed.fstab?.code === 0 ? [`printf %s ${quote(Buffer.from(text, 'utf8').toString('base64'))} | base64 -d > ${quote(e.fstab)}`] : []),
          ...(exists ? [] : [`printf %s "$c" | while IFS= read -r x; do rmdir -- "$x"; done`]),
        ];
        const orUndo = undo.length > 0 ? ` || { ${undo.join('; ')}; exit 1; }` : '';
        steps.push({ cmd: [...made, `${mountCmd}${orUndo}`].join('\n'), describe: `mount ${path}` });
        return { kind: 'change', summary: `mount ${path}${r.changed ? `, set it in ${e.fstab}` : ''}`, steps, data };
      }
    }
  },
});
