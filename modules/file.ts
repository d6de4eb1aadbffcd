// file: a path's state (file, directory, link, hard link, absent, touched) and its mode, owner and group.
import { Type } from '@sinclair/typebox';
import { posix } from 'node:path';
import { sh } from '../engine/core/quote.js';
import { defineModule, type Observed, type Plan, type PlanContext, type Step } from './contract.js';
import { fileResult, finishFile, type FileState } from './common/file-result.js';
import { checkMode, planAttrs, type WantedAttrs } from './common/attrs.js';
import { chmodArg, parseMode } from './common/mode.js';
import { lineProbes, splitLineProbes } from './common/line-probes.js';
import { directoryTestCommand, isDirectory, parseStat, statCommand, typeCommand, type StatInfo } from './common/stat.js';
import { aliasOf, choice } from './common/schema.js';
import { modeParam } from './common/file-params.js';
import { fileTimeParams, timeSteps, timesProbe, timesWanted, type FileTimeParams } from './common/file-times.js';
import { contextProbe, contextSteps, selinuxContextParams, type SelinuxContextParams } from './common/selinux-context.js';
import { attributesOf, currentFlags, fileAttributesParams, flagsProbe, flagsSteps, parseFlags, type FileAttributesParams } from './common/file-attributes.js';

const STATES = ['absent', 'directory', 'file', 'hard', 'link', 'touch'] as const satisfies readonly FileState[];
type State = (typeof STATES)[number];

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The path to manage.' })),
  dest: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  name: aliasOf('path', Type.Optional(Type.String({ description: 'Alias of path.' }))),
  state: Type.Optional(
    choice(STATES, {
      description:
        'file: must exist (only attributes change); directory: created with parents; touch: created or its times updated (always changed); absent: removed recursively; link: a symlink to src; hard: a hard link to src. Default: the current type of the path, or file.',
    }),
  ),
  src: Type.Optional(Type.String({ description: 'The target of the link (state=link or hard). A relative src is relative to the directory of path, as with `ln -s`.' })),
  mode: modeParam,
  owner: Type.Optional(Type.String({ description: 'The user that should own the path (a name or a uid).' })),
  group: Type.Optional(Type.String({ description: 'The group that should own the path (a name or a gid).' })),
  recurse: Type.Boolean({ description: 'With state=directory, apply mode, owner and group to everything beneath the directory too (symlinks excepted).', default: false }),
  force: Type.Boolean({ description: 'For links: replace an existing file at path, and create a symlink whose src does not exist yet.', default: false }),
  follow: Type.Optional(Type.Boolean({ description: 'A symlink at path is followed (the default): its target gets the state and attributes; false: the link itself, which then fails state=file.' })),
  ...fileTimeParams,
  ...selinuxContextParams,
  ...fileAttributesParams,
  unsafe_writes: Type.Optional(Type.Boolean({ description: 'Accepted: kplay writes nothing here that needs it.' })),
});

type Params = {
  path?: string | undefined;
  dest?: string | undefined;
  name?: string | undefined;
  state?: State | undefined;
  src?: string | undefined;
  recurse?: boolean | undefined;
  force?: boolean | undefined;
  follow?: boolean | undefined;
} & WantedAttrs &
  FileTimeParams &
  SelinuxContextParams &
  FileAttributesParams;

function pathOf(p: Params): string {
  return p.path ?? p.dest ?? p.name ?? '';
}

function srcFromLinkDir(path: string, src: string): string {
  return posix.isAbsolute(src) ? src : posix.join(posix.dirname(path), src);
}

const TREE_FORMAT = '%y|%m|%u|%g|%U|%G\\n';
/**
 * the parts of the `paths` probe: path itself, what it points to when a symlink, whether its parent is a directory,
 * where a symlink leads (its real path)
 */
const PATH_PROBES = ['stat', 'target', 'parent', 'real'] as const;

export const fileModule = defineModule({
  name: 'file',
  short: 'Manage files, directories, links and their mode, owner and group',
  params,
  mutuallyExclusive: [['path', 'dest', 'name']],
  requiredOneOf: [['path', 'dest', 'name']],
  checkMode: 'plan',
  examples: `- name: The images directory exists, owned by qemu
  file:
    path: /var/lib/libvirt/images
    state: directory
    owner: qemu
    group: qemu
    mode: "0711"

- name: Link the current guest config
  file:
    src: /etc/libvirt/qemu/vm1.xml
    dest: /root/vm1.xml
    state: link

- name: No stale lock
  file:
    path: /run/vm1.lock
    state: absent
`,
  probe(p, ctx) {
    const path = pathOf(p);
    // no stat(1) where the shell's own `test` tells enough: the type alone for state=absent (its result names no
    // attributes, but in check mode), what a symlink points to and where it leads only when path is one, whether
    // the parent is a directory
    const typeOnly = p.state === 'absent' && !ctx.check;
    const stat = (at: string, follow: boolean): string => (typeOnly ? typeCommand(at, follow) : statCommand(at, follow, true));
    const isLink = sh`test -h ${path}`;
    const probes: Record<string, string> = {
      paths: lineProbes({ stat: stat(path, false), target: `${isLink} && ${stat(path, true)}`, parent: directoryTestCommand(posix.dirname(path)), real: `${isLink} && ${sh`readlink -f -- ${path}`}` }),
    };
    if (p.src !== undefined) {
      probes.readlink = sh`readlink -- ${path}`;
      probes.src = statCommand(srcFromLinkDir(path, p.src), true);
    }
    const times = timesWanted(p, p.state === 'touch');
    const timesCmd = 'error' in times || p.state === 'absent' ? undefined : timesProbe(path, times);
    if (timesCmd !== undefined) probes.times = timesCmd;
    const contextCmd = p.state === 'absent' || p.state === 'link' || p.state === 'hard' ? undefined : contextProbe(path, p);
    if (contextCmd !== undefined) probes.context = contextCmd;
    if (attributesOf(p) !== undefined && p.state !== 'absent' && p.state !== 'link' && p.state !== 'hard') probes.flags = flagsProbe(path);
    if (p.recurse === true && (p.mode !== undefined || p.owner !== undefined || p.group !== undefined)) {
      probes.tree = sh`find ${path.startsWith('-') ? `./${path}` : path} -mindepth 1 ! -type l -printf ${TREE_FORMAT}`;
    }
    return probes;
  },
  plan(p, probed, ctx): Plan {
    const observed = { ...probed, ...splitLineProbes(probed.paths, PATH_PROBES) };
    const current = parseStat(observed.stat);
    const linked = current?.type === 'link' ? parseStat(observed.target) : undefined;
    const target = current?.type === 'link' && p.follow !== false ? linked : current;
    const real = observed.real?.code === 0 ? observed.real.stdout.replace(/\n$/, '') : undefined;
    const seen = { path: pathOf(p), state: stateOf(p, target), current, linked, real, follow: p.follow !== false, src: p.src };
    return fileResult(planFile(p, observed, ctx), seen, ctx.check);
  },
  finish: (_p, outputs) => finishFile(outputs),
});

/** No state: what the path is now (through a symlink, as Ansible follows it), a link when src is given, else file. */
function stateOf(p: Params, target: StatInfo | undefined): State {
  return p.state ?? (p.recurse === true ? 'directory' : p.src !== undefined ? 'link' : target?.type === 'directory' ? 'directory' : 'file');
}

/** The plan for the path's state, over the probes (the `paths` probe split into its parts). */
function planFile(p: Params, observed: Observed, ctx: PlanContext): Plan {
  const path = pathOf(p);
  if (path === '') return { kind: 'fail', msg: 'one of path, dest or name is required' };
  const badMode = checkMode(p.mode);
  if (badMode !== undefined) return { kind: 'fail', msg: badMode };
  const current = parseStat(observed.stat);
  const target = current?.type === 'link' && p.follow !== false ? parseStat(observed.target) : current;
  const state = stateOf(p, target);
  if ((state === 'link' || state === 'hard') && p.src === undefined) return { kind: 'fail', msg: `src is required for state=${state}` };
  const diff = ctx.diff ? { path, before: `state: ${describeState(current)}\n`, after: `state: ${state === 'touch' ? 'file' : state}\n` } : undefined;
  const times = timesWanted(p, state === 'touch');
  if ('error' in times) return { kind: 'fail', msg: times.error };
  const attributes = attributesOf(p);
  const flags = attributes === undefined ? undefined : parseFlags(attributes);
  if (typeof flags === 'string') return { kind: 'fail', msg: flags };
  /** the plan with chattr after it (Ansible sets attributes last), when the flags differ or the path is new */
  const flagged = (plan: Plan, exists: boolean): Plan => withSteps(plan, flagsSteps(path, flags, exists ? currentFlags(observed.flags) : undefined), 'attributes', path, diff);
  /** the steps that set the times and the SELinux context (none when as wanted), for a path that exists or is made by earlier steps */
  const timed = (exists: boolean): { steps: Step[]; change?: string } | { error: string } => {
    const t = timeSteps(path, times, observed.times, exists);
    if ('error' in t) return t;
    const c = contextSteps(path, p, observed.context);
    if (c.length === 0) return t;
    return { steps: [...t.steps, ...c], change: t.change !== undefined ? `${t.change}, SELinux context` : 'SELinux context' };
  };
  const parentMissing = (): Plan | undefined =>
    isDirectory(observed.parent)
      ? undefined
      : { kind: 'fail', msg: `Destination directory ${posix.dirname(path)} does not exist`, missingPrerequisite: `${state} ${path}` };

  switch (state) {
    case 'absent':
      if (!current) return { kind: 'ok', reason: `${path} is absent` };
      return change(`remove ${path}`, [{ cmd: sh`rm -rf -- ${path}`, describe: `remove ${path}` }], diff);

    case 'file': {
      if (!target) return { kind: 'fail', msg: `file (${path}) is absent, cannot continue`, missingPrerequisite: `set attributes of ${path}`, data: { path, state: 'absent' } };
      if (target.type === 'directory') return { kind: 'fail', msg: `${path} is a directory, not a file (use state=directory)` };
      if (target.type === 'link') return { kind: 'fail', msg: `file (${path}) is link, cannot continue` };
      const t = timed(true);
      if ('error' in t) return { kind: 'fail', msg: t.error };
      return flagged(withTimes(attrsOnly(path, p, target, false, diff), t, path, diff), true);
    }

    case 'directory': {
      if (target && target.type !== 'directory') return { kind: 'fail', msg: `${path} already exists as a ${target.type}` };
      const steps: Step[] = [];
      if (!target) steps.push({ cmd: sh`mkdir -p -- ${path}`, describe: `create directory ${path}` });
      const own = planAttrs(path, p, target, { isDir: true });
      steps.push(...own.steps);
      const tree = p.recurse === true ? recursiveSteps(path, p, observed.tree?.stdout ?? '', !target) : { steps: [], changes: [] };
      steps.push(...tree.steps);
      const t = timed(target !== undefined);
      if ('error' in t) return { kind: 'fail', msg: t.error };
      steps.push(...t.steps);
      if (steps.length === 0) return flagged({ kind: 'ok', reason: `${path} is a directory with the wanted attributes` }, true);
      const what = [...(target ? [] : [`create directory ${path}`]), ...own.changes.map((c) => `${c} on ${path}`), ...tree.changes, ...(t.change !== undefined ? [`${t.change} of ${path}`] : [])];
      return flagged(change(what.join(', '), steps, diff), target !== undefined);
    }

    case 'touch': {
      const missing = target ? undefined : parentMissing();
      if (missing) return missing;
      // follow=false on a symlink: its own owner and group (chown -h), as Ansible's lchown; the times still go through it
      const own = planAttrs(path, p, target, { isDir: target?.type === 'directory', noDeref: target?.type === 'link' });
      // times default to now: a change every time, as in Ansible; with both preserved, only what differs
      const t = timed(target !== undefined);
      if ('error' in t) return { kind: 'fail', msg: t.error };
      const create: Step[] = target ? [] : [{ cmd: sh`touch -- ${path}`, describe: `create ${path}` }];
      const createdNow = !target && times.mtime.kind !== 'at' && times.atime.kind !== 'at';
      const steps = [...create, ...own.steps, ...(createdNow ? [] : t.steps)];
      if (steps.length === 0) return flagged({ kind: 'ok', reason: `${path} exists with the wanted attributes and times` }, true);
      const what = [...(target ? [] : [`create ${path}`]), ...own.changes.map((c) => `${c} on ${path}`), ...(t.change !== undefined && target ? [`${t.change} of ${path}`] : [])];
      return flagged(change(`touch ${path}${what.length > 0 ? ` (${what.join(', ')})` : ''}`, steps, diff), target !== undefined);
    }

    case 'link': {
      const srcExists = parseStat(observed.src) !== undefined;
      const linkPlan = planLink(path, p.src ?? '', p, current, observed.readlink?.code === 0 ? observed.readlink.stdout.replace(/\n$/, '') : undefined, srcExists, parentMissing, diff);
      // the times are the target's (utime follows the link); none for a link to nothing, as Ansible skips them
      return srcExists ? linkTimes(linkPlan, timed, path, diff) : linkPlan;
    }

    case 'hard':
      return linkTimes(planHard(path, p.src ?? '', p, current, parseStat(observed.src), parentMissing, diff), timed, path, diff);
  }
}

function describeState(s: StatInfo | undefined): string {
  if (!s) return 'absent';
  return s.type === 'link' ? 'link' : s.type === 'directory' ? 'directory' : 'file';
}

/** What --diff shows for `path`: its state before and after ("state: directory"). */
type PathDiff = { path: string; before: string; after: string };

function change(summary: string, steps: readonly Step[], diff: PathDiff | undefined): Plan {
  return { kind: 'change', summary, steps, diff };
}

/** An attributes plan with the time steps after it. */
function withTimes(plan: Plan, t: { steps: Step[]; change?: string }, path: string, diff: PathDiff | undefined): Plan {
  return withSteps(plan, t.steps, t.change ?? 'times', path, diff);
}

/** A plan with more steps after it (times, chattr): an ok plan becomes their change; a failure stays as it is. */
function withSteps(plan: Plan, steps: readonly Step[], what: string, path: string, diff: PathDiff | undefined): Plan {
  if (steps.length === 0 || (plan.kind !== 'ok' && plan.kind !== 'change')) return plan;
  if (plan.kind === 'change') return change(`${plan.summary}, ${what} of ${path}`, [...plan.steps, ...steps], diff);
  return change(`${what} of ${path}`, steps, diff);
}

/**
 * A link plan (state=link or hard) with the times set after it, as Ansible sets them after linking: compared when
 * the link was already right, set when it is made now.
 */
function linkTimes(plan: Plan, timed: (exists: boolean) => { steps: Step[]; change?: string } | { error: string }, path: string, diff: PathDiff | undefined): Plan {
  if (plan.kind !== 'ok' && plan.kind !== 'change') return plan;
  const t = timed(plan.kind === 'ok');
  if ('error' in t) return { kind: 'fail', msg: t.error };
  return withTimes(plan, t, path, diff);
}

function attrsOnly(path: string, want: WantedAttrs, current: StatInfo, isLink: boolean, diff: PathDiff | undefined): Plan {
  const a = planAttrs(path, want, current, { isDir: current.type === 'directory', noDeref: isLink });
  if (a.steps.length === 0) return { kind: 'ok', reason: `${path} has the wanted attributes` };
  return change(`${a.changes.join(', ')} on ${path}`, a.steps, diff);
}

function planLink(
  path: string,
  src: string,
  want: WantedAttrs,
  current: StatInfo | undefined,
  linkTarget: string | undefined,
  srcExists: boolean,
  parentMissing: () => Plan | undefined,
  diff: PathDiff | undefined,
): Plan {
  const force = (want as { force?: boolean }).force === true;
  if (current?.type === 'link' && linkTarget === src) return attrsOnly(path, { owner: want.owner, group: want.group }, current, true, diff);
  if (current?.type === 'directory') return { kind: 'fail', msg: `refusing to convert from directory to symlink for ${path}` };
  if (current && current.type !== 'link' && !force) return { kind: 'fail', msg: `refusing to convert from ${current.type} to symlink for ${path}` };
  if (!srcExists && !force) {
    return { kind: 'fail', msg: `src file does not exist, use "force=yes" if you really want to create the link: ${src}`, missingPrerequisite: `link ${path} -> ${src}` };
  }
  if (!current) {
    const missing = parentMissing();
    if (missing) return missing;
  }
  // -n: replace a symlink to a directory instead of creating the link inside that directory
  const steps: Step[] = [{ cmd: sh`ln -sfn -- ${src} ${path}`, describe: `link ${path} -> ${src}` }];
  steps.push(...planAttrs(path, { owner: want.owner, group: want.group }, undefined, { isDir: false, noDeref: true }).steps);
  return change(`link ${path} -> ${src}${current?.type === 'link' ? ` (was -> ${linkTarget ?? '?'})` : ''}`, steps, diff);
}

function planHard(
  path: string,
  src: string,
  want: WantedAttrs,
  current: StatInfo | undefined,
  srcStat: StatInfo | undefined,
  parentMissing: () => Plan | undefined,
  diff: PathDiff | undefined,
): Plan {
  const force = (want as { force?: boolean }).force === true;
  if (!srcStat) return { kind: 'fail', msg: `src does not exist: ${src}`, missingPrerequisite: `hard link ${path} -> ${src}` };
  if (current && current.inode === srcStat.inode) return attrsOnly(path, want, current, false, diff);
  if (current?.type === 'directory') return { kind: 'fail', msg: `refusing to convert from directory to hard link for ${path}` };
  if (current && !force) return { kind: 'fail', msg: `refusing to convert from ${current.type} to hard link for ${path} (use force=yes)` };
  if (!current) {
    const missing = parentMissing();
    if (missing) return missing;
  }
  const steps: Step[] = [{ cmd: sh`ln -f -- ${src} ${path}`, describe: `hard link ${path} -> ${src}` }];
  steps.push(...planAttrs(path, want, srcStat, { isDir: false }).steps);
  return change(`hard link ${path} -> ${src}`, steps, diff);
}

/** chown -R / chmod -R when anything beneath the directory differs (or the directory is new). */
function recursiveSteps(path: string, want: WantedAttrs, tree: string, created: boolean): { steps: Step[]; changes: string[] } {
  const entries = tree
    .split('\n')
    .filter((l) => l !== '')
    .map(parseTreeLine);
  const ownerWanted = { owner: want.owner, group: want.group };
  const ownerDiffers = entries.some((e) => planAttrs(path, ownerWanted, e, { isDir: e.type === 'directory' }).steps.length > 0);
  const modeDiffers = want.mode !== undefined && entries.some((e) => planAttrs(path, { mode: want.mode }, e, { isDir: e.type === 'directory' }).steps.length > 0);
  const steps: Step[] = [];
  const changes: string[] = [];
  if (created) return { steps, changes };
  if (ownerDiffers && (want.owner !== undefined || want.group !== undefined)) {
    const spec = `${want.owner ?? ''}${want.group !== undefined ? `:${want.group}` : ''}`;
    steps.push({ cmd: sh`chown -R -- ${spec} ${path}`, describe: `set owner/group of everything under ${path} to ${spec}` });
    changes.push(`owner/group ${spec} under ${path}`);
  }
  if (modeDiffers && want.mode !== undefined) {
    const spec = parseMode(want.mode);
    // a symbolic mode is applied per entry by chmod itself (X means x only on directories), as Ansible does
    const arg = typeof spec === 'string' ? '' : chmodArg(spec, undefined);
    steps.push({ cmd: sh`chmod -R -- ${arg} ${path}`, describe: `set mode of everything under ${path} to ${arg}` });
    changes.push(`mode ${arg} under ${path}`);
  }
  return { steps, changes };
}

function parseTreeLine(line: string): StatInfo {
  const [y = 'f', m = '0', u = '', g = '', uid = '0', gid = '0'] = line.split('|');
  return { type: y === 'd' ? 'directory' : y === 'f' ? 'file' : 'other', mode: Number.parseInt(m, 8), owner: u, group: g, uid: Number(uid), gid: Number(gid), size: 0, inode: '' };
}
