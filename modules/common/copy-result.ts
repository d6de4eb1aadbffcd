// What copy and template register, as Ansible's copy action returns it: the copy module's keys when it wrote the file
// (dest, src, md5sum, checksum), the file module's when the content was already there (path, dest, checksum), each
// with the written path's owner, group, mode, state and size; nothing but `changed` for a write check mode predicts.
import { createHash } from 'node:crypto';
import type { Finish, Observed, Plan, PlanContext, ResultData, StepOutput } from '../contract.js';
import { finishWrite, STAGED, contentSha256, writeTarget, type WriteContent, type WriteRequest } from './write-file.js';
import { probedPathInfo, resultPathInfo } from './path-info.js';

/** `plan` (planWrite's for `req` and `content`) with the result Ansible's copy action gives in its case. */
export function copyResult(plan: Plan, req: WriteRequest, content: WriteContent, observed: Observed, ctx: PlanContext): Plan {
  if (plan.kind === 'fail' || plan.kind === 'skip') return plan;
  const target = writeTarget(req, observed);
  if ('error' in target) return plan;
  const { path, current } = target;
  const onHost = !inlineContent(content);
  // the file as the probes saw it: ok and check mode's answer (the steps' own stat replaces it once they ran)
  const now = probedPathInfo(current, current !== undefined);
  const sums = checksums(content);
  if (current && req.force === false) {
    return { ...plan, data: onHost ? { msg: 'file already exists', src: content.path, dest: path, ...now } : { dest: req.dest, ...(req.srcName !== undefined ? { src: req.srcName } : {}) } };
  }
  // the copy module itself runs for a file on the host, whatever it finds
  if (onHost) return { ...plan, data: { dest: path, src: content.path, ...sums, ...now } };
  const same = current !== undefined && target.sum === contentSha256(content);
  if (same) return { ...plan, data: { dest: path, path, checksum: sums.checksum, ...now } };
  return { ...plan, data: ctx.check ? {} : { dest: path, ...sums } };
}

function inlineContent(content: WriteContent): content is string | Buffer {
  return typeof content === 'string' || Buffer.isBuffer(content);
}

/** Ansible's checksum (SHA-1) and md5sum of what is written. */
function checksums(content: WriteContent): ResultData {
  if (!inlineContent(content)) return { md5sum: content.md5, checksum: content.sha1 };
  return { md5sum: createHash('md5').update(content).digest('hex'), checksum: createHash('sha1').update(content).digest('hex') };
}

/** After the steps: the backup file, where the text was staged (src) and the written path's attributes. */
export function finishCopy(outputs: readonly StepOutput[]): Finish {
  const staged = outputs
    .flatMap((o) => o.stdout.split('\n'))
    .find((l) => l.startsWith(STAGED))
    ?.slice(STAGED.length);
  const backup = finishWrite(outputs).data ?? {};
  return { data: { ...backup, ...(staged !== undefined ? { src: staged } : {}), ...resultPathInfo(outputs) } };
}
