// pam_limits: one limit (domain, type, item) in limits.conf, as community.general.pam_limits edits the file; the
// file travels in the probe, the edit is pure (support/pam-limits-edit.ts), the write is copy's.
import { Type } from '@sinclair/typebox';
import { posix } from 'node:path';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { choice } from './common/schema.js';
import { isDirectory, parseStat } from './common/stat.js';
import { finishWrite, planWrite, writeProbes, type WriteRequest } from './common/write-file.js';
import { editLimits } from './support/pam-limits-edit.js';

const ITEMS = ['core', 'data', 'fsize', 'memlock', 'nofile', 'rss', 'stack', 'cpu', 'nproc', 'as', 'maxlogins', 'maxsyslogins', 'priority', 'locks', 'sigpending', 'msgqueue', 'nice', 'rtprio', 'chroot'] as const;

const params = Type.Object({
  domain: Type.String({ description: 'Who the limit is for: a user, @group, *, or a uid/gid range.' }),
  limit_type: choice(['soft', 'hard', '-'] as const, { description: 'soft, hard, or - (both).' }),
  limit_item: choice(ITEMS, { description: 'The limited resource.' }),
  value: Type.String({ description: "The limit: a number, or 'unlimited', 'infinity', -1 (no limit); -20..19 for nice and priority." }),
  use_max: Type.Boolean({ description: 'Keep the larger of this value and the one in the file.', default: false }),
  use_min: Type.Boolean({ description: 'Keep the smaller of this value and the one in the file.', default: false }),
  backup: Type.Boolean({ description: 'Keep the replaced file as DEST.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  dest: Type.String({ description: 'The limits file.', default: '/etc/security/limits.conf' }),
  comment: Type.String({ description: 'A comment after the limit.', default: '' }),
});

export const pamLimitsModule = defineModule({
  name: 'pam_limits',
  aliases: ['community.general.pam_limits'],
  short: 'Set a PAM limit (limits.conf) for a user or group',
  params,
  mutuallyExclusive: [['use_max', 'use_min']],
  checkMode: 'plan',
  examples: `- name: Many open files for the app user
  pam_limits:
    domain: app
    limit_type: "-"
    limit_item: nofile
    value: "65536"
`,
  probe(p, ctx) {
    return { ...writeProbes(request(p), ctx), text: sh`cat < ${p.dest}` };
  },
  plan(p, observed, ctx) {
    if (p.use_max && p.use_min) return { kind: 'fail', msg: 'Cannot use use_min and use_max at the same time.' };
    const st = parseStat(observed.dest);
    if (st?.type === 'directory') return { kind: 'fail', msg: `${p.dest} is a directory` };
    if (!st && !isDirectory(observed.parent)) return { kind: 'fail', msg: `directory ${posix.dirname(p.dest)} is not writable (check presence, access rights, use sudo)` };
    const original = st ? (observed.text?.stdout ?? '') : undefined;
    const r = editLimits(original, { domain: p.domain, type: p.limit_type, item: p.limit_item, value: String(p.value), useMax: p.use_max, useMin: p.use_min, comment: p.comment }, p.dest);
    if ('error' in r) return { kind: 'fail', msg: r.error };
    if (!r.changed) return { kind: 'ok', reason: `${p.domain} ${p.limit_type} ${p.limit_item} is ${p.value} in ${p.dest}`, data: { msg: r.msg } };
    const plan = planWrite(request(p), r.text, observed, ctx);
    // Ansible's result is its msg, not the dest, checksum and size copy returns
    return plan.kind === 'change' ? { ...plan, summary: `${r.msg.trim()} in ${p.dest}`, data: { msg: r.msg } } : plan.kind === 'ok' ? { ...plan, data: { msg: r.msg } } : plan;
  },
  finish: (_p, outputs) => finishWrite(outputs),
});

function request(p: { dest: string; backup: boolean }): WriteRequest {
  return { dest: p.dest, backup: p.backup };
}
