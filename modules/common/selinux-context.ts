// seuser / serole / setype / selevel of the file modules, as Ansible applies them: only where SELinux runs (a host
// without it ignores them, as Ansible's selinux_enabled() check does), compared with the path's context, set by chcon.
import { Type } from '@sinclair/typebox';
import { sh, shellJoin } from '../../engine/core/quote.js';
import type { ProbeOutput, Step } from '../contract.js';

export const selinuxContextParams = {
  seuser: Type.Optional(Type.String({ description: 'The SELinux user of the path (only where SELinux runs).' })),
  serole: Type.Optional(Type.String({ description: 'The SELinux role of the path (only where SELinux runs).' })),
  setype: Type.Optional(Type.String({ description: 'The SELinux type of the path (only where SELinux runs).' })),
  selevel: Type.Optional(Type.String({ description: 'The SELinux level (range) of the path (only where SELinux runs).' })),
};

export interface SelinuxContextParams {
  readonly seuser?: string | undefined;
  readonly serole?: string | undefined;
  readonly setype?: string | undefined;
  readonly selevel?: string | undefined;
}

const FIELDS = [
  ['seuser', '-u'],
  ['serole', '-r'],
  ['setype', '-t'],
  ['selevel', '-l'],
] as const;

function wanted(p: SelinuxContextParams): boolean {
  return FIELDS.some(([k]) => p[k] !== undefined && p[k] !== '_default');
}

/** chcon's options for every part asked for (none when nothing is), for a script that sets them on many paths. */
export function chconOptions(p: SelinuxContextParams): string[] {
  return FIELDS.flatMap(([k, flag]) => {
    const v = p[k];
    return v === undefined || v === '_default' ? [] : [flag, v];
  });
}

/** The probe: the path's context when SELinux runs ("off" when it does not); none when no context is asked for. */
export function contextProbe(path: string, p: SelinuxContextParams): string | undefined {
  if (!wanted(p)) return undefined;
  return `if [ -e /sys/fs/selinux/enforce ]; then ${sh`stat -L -c %C -- ${path}`} 2>/dev/null || echo missing; else echo off; fi`;
}

/** chcon for every part asked for, on a path made anew (none where SELinux does not run). */
export function contextStepsForNew(path: string, p: SelinuxContextParams, probe: ProbeOutput | undefined): Step[] {
  const out = (probe?.stdout ?? '').trim();
  if (out === 'off' || out === '') return [];
  return contextSteps(path, p, { code: 0, stdout: 'missing', stderr: '' });
}

/** chcon for the parts of the context that differ (a path made by earlier steps: every part asked for). */
export function contextSteps(path: string, p: SelinuxContextParams, probe: ProbeOutput | undefined): Step[] {
  if (!wanted(p)) return [];
  const out = (probe?.stdout ?? '').trim();
  if (out === 'off' || out === '') return [];
  const [user, role, type, ...level] = out === 'missing' ? [] : out.split(':');
  const current: Record<(typeof FIELDS)[number][0], string | undefined> = { seuser: user, serole: role, setype: type, selevel: level.length > 0 ? level.join(':') : undefined };
  const args = FIELDS.flatMap(([k, flag]) => {
    const v = p[k];
    return v === undefined || v === '_default' || v === current[k] ? [] : [flag, v];
  });
  if (args.length === 0) return [];
  return [{ cmd: shellJoin(['chcon', ...args, '--', path]), describe: `set the SELinux context of ${path}` }];
}
