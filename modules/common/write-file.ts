// Put a text on the host at a path, atomically and only when its checksum differs: what copy and template share.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { quote, sh } from '../../engine/core/quote.js';
import type { FileDiff, Finish, Observed, Plan, PlanContext, ProbeOutput, Step, StepOutput } from '../contract.js';
import { checkMode, planAttrs, type WantedAttrs } from './attrs.js';
import { contextProbe, contextSteps, contextStepsForNew, type SelinuxContextParams } from './selinux-context.js';
import { attributesOf, currentFlags, flagsProbe, flagsSteps, parseFlags, type FileAttributesParams } from './file-attributes.js';
import { chmodArg, parseMode, wantedBits } from './mode.js';
import { directoryTestCommand, isDirectory, parseStat, statCommand, type StatInfo } from './stat.js';
import { pathInfoCommand } from './path-info.js';

/** The line a reporting write step prints with the temp file its text was staged in (Ansible's src). */
export const STAGED = 'staged=';

export interface WriteRequest extends WantedAttrs, SelinuxContextParams, FileAttributesParams {
  readonly dest: string;
  /** the file name to use when dest is a directory (copy's and template's src basename); none for content */
  readonly srcName?: string | undefined;
  readonly backup?: boolean | undefined;
  readonly force?: boolean | undefined;
  /** a command run on the new file before it replaces dest; %s is the file */
  readonly validate?: string | undefined;
  /** create missing parent directories instead of failing (lineinfile's create) */
  readonly makeParents?: boolean | undefined;
  /**
   * the steps end by printing the written path's stat for the result (copy, template: Ansible's add_path_info), and
   * the temp file the text was staged in; the probes read dest's SELinux context too
   */
  readonly reportPath?: boolean | undefined;
}

/** The parameters of a module that edits a file in place (replace, blockinfile): path and its aliases, attributes. */
export interface InPlaceEdit extends SelinuxContextParams, FileAttributesParams {
  readonly path?: string | undefined;
  readonly dest?: string | undefined;
  readonly destfile?: string | undefined;
  readonly name?: string | undefined;
  readonly mode?: string | number | undefined;
  readonly owner?: string | undefined;
  readonly group?: string | undefined;
  readonly backup?: boolean | undefined;
  readonly validate?: string | undefined;
}

/** What an in-place edit writes: the file its path (or an alias) names, with its attributes, backup and validate. */
export function editRequest(p: InPlaceEdit): WriteRequest {
  return { dest: p.path ?? p.dest ?? p.destfile ?? p.name ?? '', mode: p.mode, owner: p.owner, group: p.group, backup: p.backup, validate: p.validate, ...commonFileArgs(p) };
}

/** The file common arguments of a module's arguments besides mode and owner: the SELinux context, the chattr attributes. */
export function commonFileArgs(p: SelinuxContextParams & FileAttributesParams): SelinuxContextParams & FileAttributesParams {
  return { seuser: p.seuser, serole: p.serole, setype: p.setype, selevel: p.selevel, attributes: attributesOf(p) };
}

/** Texts up to this size are shown in --diff; larger ones (or binary) are only summarised. */
const DIFF_MAX = 64 * 1024;

/** The probes: dest itself, the file inside it when it is a directory, their checksums, dest's parent. */
export function writeProbes(req: WriteRequest, ctx: PlanContext): Record<string, string> {
  const probes: Record<string, string> = {
    dest: statCommand(req.dest, true, req.reportPath === true),
    dest_sum: sha256Command(req.dest),
    parent: directoryTestCommand(posix.dirname(trimSlash(req.dest))),
  };
  if (ctx.diff) probes.dest_text = sh`head -c ${DIFF_MAX + 1} < ${req.dest}`;
  const context = contextProbe(req.dest, req);
  if (context !== undefined) probes.context = context;
  const asksFlags = attributesOf(req) !== undefined;
  if (asksFlags) probes.flags = flagsProbe(req.dest);
  if (req.srcName !== undefined) {
    const inner = posix.join(req.dest, req.srcName);
    const innerContext = contextProbe(inner, req);
    if (innerContext !== undefined) probes.inner_context = innerContext;
    if (asksFlags) probes.inner_flags = flagsProbe(inner);
    probes.inner = statCommand(inner, true, req.reportPath === true);
    probes.inner_sum = sha256Command(inner);
    if (ctx.diff) probes.inner_text = sh`head -c ${DIFF_MAX + 1} < ${inner}`;
  }
  return probes;
}

// reading through a redirection keeps the file name out of sha256sum's output (no escaping of odd names)
function sha256Command(path: string): string {
  return sh`sha256sum < ${path}`;
}

export function sha256(text: string | Buffer): string {
  return typeof text === 'string' ? createHash('sha256').update(text, 'utf8').digest('hex') : createHash('sha256').update(text).digest('hex');
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/** A file already on the host to put at dest (copy's remote_src): its path and what the probes read of it. */
export interface HostFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** its SHA-1 and MD5, for the result (Ansible's checksum and md5sum) */
  readonly sha1?: string | undefined;
  readonly md5?: string | undefined;
}

/** What to write: text, bytes that are not text (copy of a binary file), or a file already on the host. */
export type WriteContent = string | Buffer | HostFile;

const inline = (content: WriteContent): content is string | Buffer => typeof content === 'string' || Buffer.isBuffer(content);

/** The file a write puts its text in (dest, or the file named srcName inside a directory dest), as the probes saw it. */
export interface WriteTarget {
  readonly path: string;
  /** undefined: the file does not exist */
  readonly current: StatInfo | undefined;
  /** the SHA-256 of its content now */
  readonly sum: string | undefined;
  readonly text: ProbeOutput | undefined;
  readonly context: ProbeOutput | undefined;
  readonly flags: ProbeOutput | undefined;
  /** dest is a directory (or ends in '/') */
  readonly intoDir: boolean;
}

/** The target from the probes, or the refusal of content into a directory. */
export function writeTarget(req: WriteRequest, observed: Observed): WriteTarget | { error: string } {
  const destStat = parseStat(observed.dest);
  const intoDir = req.dest.endsWith('/') || destStat?.type === 'directory';
  if (!intoDir) return { path: req.dest, current: destStat, sum: sumOf(observed.dest_sum), text: observed.dest_text, context: observed.context, flags: observed.flags, intoDir };
  if (req.srcName === undefined) return { error: `can not use content with a dir as dest: ${req.dest}` };
  const inner = { current: parseStat(observed.inner), sum: sumOf(observed.inner_sum), text: observed.inner_text, context: observed.inner_context, flags: observed.inner_flags };
  return { path: posix.join(req.dest, req.srcName), ...inner, intoDir };
}

function sumOf(out: ProbeOutput | undefined): string | undefined {
  return out?.code === 0 ? /^[0-9a-f]{64}/.exec(out.stdout)?.[0] : undefined;
}

/** The SHA-256 of what a write puts at its target. */
export function contentSha256(content: WriteContent): string {
  return inline(content) ? sha256(content) : content.sha256;
}

export function planWrite(req: WriteRequest, content: WriteContent, observed: Observed, ctx: PlanContext): Plan {
  const badMode = checkMode(req.mode);
  if (badMode !== undefined) return { kind: 'fail', msg: badMode };
  if (req.validate !== undefined && !req.validate.includes('%s')) return { kind: 'fail', msg: `validate must contain %s: ${req.validate}` };
  const attributes = attributesOf(req);
  const flags = attributes === undefined ? undefined : parseFlags(attributes);
  if (typeof flags === 'string') return { kind: 'fail', msg: flags };
  const target = writeTarget(req, observed);
  if ('error' in target) return { kind: 'fail', msg: target.error };
  const destStat = parseStat(observed.dest);
  const steps: Step[] = [];
  const { path, current } = target;
  if (target.intoDir) {
    if (!destStat) {
      if (!isDirectory(observed.parent)) {
        return { kind: 'fail', msg: `Destination directory ${posix.dirname(trimSlash(req.dest))} does not exist`, missingPrerequisite: `write ${path}` };
      }
      // dest ending in '/' names a directory to create, as Ansible's copy does
      steps.push({ cmd: sh`mkdir -- ${trimSlash(req.dest)}`, describe: `create directory ${req.dest}` });
    }
  } else if (!destStat && !isDirectory(observed.parent)) {
    if (req.makeParents === true) steps.push({ cmd: sh`mkdir -p -- ${posix.dirname(req.dest)}`, describe: `create directory ${posix.dirname(req.dest)}` });
    else return { kind: 'fail', msg: `Destination directory ${posix.dirname(req.dest)} does not exist`, missingPrerequisite: `write ${path}` };
  }
  if (current?.type === 'directory') return { kind: 'fail', msg: `${path} is a directory: cannot write a file there` };
  const want = contentSha256(content);
  // Ansible returns the SHA-1 of what it wrote as checksum; of a file already on the host kplay knows the SHA-256
  const data = { dest: path, checksum: inline(content) ? createHash('sha1').update(content).digest('hex') : want, size: typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : inline(content) ? content.length : content.size };

  if (current && req.force === false) return { kind: 'ok', reason: `${path} exists and force is false`, data };
  if (current && target.sum === want) {
    const attrs = planAttrs(path, req, current, { isDir: false });
    const context = contextSteps(path, req, target.context);
    const chattr = flagsSteps(path, flags, currentFlags(target.flags));
    if (attrs.steps.length === 0 && context.length === 0 && chattr.length === 0) return { kind: 'ok', reason: `${path} has the wanted content and attributes`, data };
    const changes = [...attrs.changes, ...(context.length > 0 ? ['SELinux context'] : []), ...(chattr.length > 0 ? ['chattr attributes'] : [])];
    const report: Step[] = req.reportPath === true ? [{ cmd: pathInfoCommand(path), describe: `read the attributes of ${path}` }] : [];
    return { kind: 'change', summary: `${changes.join(', ')} on ${path}`, steps: [...attrs.steps, ...context, ...chattr, ...report], data };
  }
  // the new file replaces the old one by a rename: it has its directory's default context and flags until chcon and
  // chattr set them (Ansible carries the old file's flags over, then compares: chattr then runs at most once more)
  const after = [...contextStepsForNew(path, req, target.context), ...flagsSteps(path, flags, undefined)];
  steps.push(writeStep(path, content, req, current !== undefined), ...after);
  // after chcon and chattr: the file as they left it
  if (req.reportPath === true && after.length > 0) steps.push({ cmd: pathInfoCommand(path), describe: `read the attributes of ${path}` });
  const diff = ctx.diff && typeof content === 'string' ? textDiff(path, current === undefined ? '' : target.text?.stdout, content) : undefined;
  return { kind: 'change', summary: current ? `update ${path}` : `create ${path}`, steps, diff, data };
}

/**
 * One step: the text arrives on stdin into a temp file beside dest (same filesystem, so the final mv is an atomic
 * rename), gets its mode and owner (the wanted ones, else those of the file it replaces, else the umask's), is
 * validated, the old file is backed up, and only then does it replace dest. A failure leaves dest untouched.
 */
function writeStep(path: string, content: WriteContent, req: WriteRequest, exists: boolean): Step {
  const dir = posix.dirname(path);
  const fill = inline(content) ? 'cat > "$t"' : `cat < ${quote(content.path)} > "$t"`;
  const lines = ['set -e', `t=$(mktemp -- ${quote(posix.join(dir, '.kplay-XXXXXXXX'))})`, `trap 'rm -f -- "$t"' EXIT`, fill];
  if (exists) {
    lines.push(`chmod --reference=${quote(path)} "$t"`);
    lines.push(`chown --reference=${quote(path)} "$t" 2>/dev/null || true`);
  } else {
    lines.push('chmod "$(printf %o $((0666 & ~$(umask))))" "$t"');
  }
  if (req.mode !== undefined) {
    const spec = parseMode(req.mode);
    if (typeof spec !== 'string') lines.push(`chmod -- ${quote(chmodArg(spec, wantedBits(spec, undefined, false)))} "$t"`);
  }
  const owner = req.owner !== undefined && req.owner !== '' ? req.owner : undefined;
  const group = req.group !== undefined && req.group !== '' ? req.group : undefined;
  if (owner !== undefined || group !== undefined) lines.push(`chown -- ${quote(`${owner ?? ''}${group !== undefined ? `:${group}` : ''}`)} "$t"`);
  if (req.validate !== undefined) lines.push(req.validate.replaceAll('%s', '"$t"'));
  if (req.backup === true && exists) {
    lines.push(`b=${quote(path)}".$$.$(date +%Y-%m-%d@%H:%M:%S)~"`, `cp -p -- ${quote(path)} "$b"`, `printf 'backup_file=%s\\n' "$b"`);
  }
  if (req.reportPath === true && inline(content)) lines.push(`printf '${STAGED}%s\\n' "$t"`);
  lines.push(`mv -f -- "$t" ${quote(path)}`);
  if (req.reportPath === true) lines.push(pathInfoCommand(path));
  return { cmd: lines.join('\n'), stdin: inline(content) ? content : undefined, describe: `write ${path}` };
}

function textDiff(path: string, before: string | undefined, after: string): FileDiff | undefined {
  const printable = (t: string): boolean => t.length <= DIFF_MAX && !t.includes('\0');
  if (before === undefined || !printable(before)) return { path, before: '(binary or large file: not shown)\n', after: printable(after) ? after : '(binary or large file: not shown)\n' };
  return { path, before, after: printable(after) ? after : '(binary or large file: not shown)\n' };
}

/** The backup file the step printed, if any. */
export function finishWrite(outputs: readonly StepOutput[]): Finish {
  for (const o of outputs) {
    const m = /^backup_file=(.*)$/m.exec(o.stdout);
    if (m) return { data: { backup_file: m[1] } };
  }
  return {};
}
