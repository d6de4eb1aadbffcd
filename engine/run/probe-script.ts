// Many commands in one round trip: one sh script with framed outputs, and the pure parser that splits them.
// Probes use it to read a host in one exec; the steps planned from them follow in the same channel (step-script.ts).
import { randomBytes } from 'node:crypto';
import type { HostClock, ProbeOutput } from '../../modules/contract.js';

export interface ProbeScript {
  readonly script: string;
  /** split the combined stdout/stderr back into one output per probe */
  parse(stdout: string, stderr: string): Record<string, ProbeOutput>;
}

export const newMarker = (): string => `KPLAY${randomBytes(8).toString('hex')}`;

/** How a command is framed. */
export interface FrameOptions {
  /** the script ends after this command unless it exited with one of these codes */
  readonly stopUnless?: readonly number[] | undefined;
  /** the host's clock is read before and after the command, and printed in its end line (HostClock) */
  readonly timed?: boolean | undefined;
  /** the command reads the script's own stdin (a step alone in its exec, fed its input); else /dev/null */
  readonly stdin?: boolean | undefined;
}

/** The host's local time to the nanosecond, or nothing (no `date` there): one process, only for timed frames. */
export const HOST_CLOCK = "$(date '+%Y-%m-%d %H:%M:%S.%N' 2>/dev/null)";

/**
 * One command in its own subshell (stdin closed unless asked for), between marker lines on both streams, so a
 * command that exits or prints anything cannot confuse the framing. A timed frame keeps the clock readings in
 * the shell's own variables, which the command's subshell cannot change, and prints them only in the end line,
 * after the marker the command cannot know: whatever the command prints, it cannot pass for a reading.
 */
export function frame(marker: string, id: string, cmd: string, options: FrameOptions = {}): string {
  const timed = options.timed === true;
  // one printf for the end line: a background child of the command writing on may follow it, never split it
  const close = timed
    ? `printf '\\n%s %s %s\\t%s\\n' '${marker}/${id}' "$__rc" "$__t0" "$__t1"`
    : `printf '\\n%s %s\\n' '${marker}/${id}' "$__rc"`;
  const lines = [
    `printf '%s\\n' '${marker} ${id}'; printf '%s\\n' '${marker} ${id}' >&2`,
    ...(timed ? [`__t0=${HOST_CLOCK}`] : []),
    `( ${cmd}\n)${options.stdin === true ? '' : ' </dev/null'}; __rc=$?`,
    ...(timed ? [`__t1=${HOST_CLOCK}`] : []),
    `${close}; printf '\\n%s\\n' '${marker}/${id}' >&2`,
  ];
  const stop = options.stopUnless;
  if (stop !== undefined) lines.push(`case $__rc in ${stop.join('|')}) ;; *) exit 0 ;; esac`);
  return lines.join('\n');
}

/** A framed command's output; `clock` when its frame was timed and it ran to its end. */
export interface FramedOutput extends ProbeOutput {
  readonly clock?: HostClock | undefined;
}

/**
 * The output of one framed command: undefined when it never started, exit code 255 when it started but did
 * not finish (killed, connection lost).
 */
export function unframe(stdout: string, stderr: string, marker: string, id: string): FramedOutput | undefined {
  const o = between(stdout, `${marker} ${id}\n`, `\n${marker}/${id} `);
  const e = between(stderr, `${marker} ${id}\n`, `\n${marker}/${id}\n`);
  if (o === undefined) {
    if (!stdout.includes(`${marker} ${id}\n`)) return undefined;
    return { stdout: '', stderr: e?.text ?? 'did not finish', code: 255 };
  }
  const { code, clock } = endLine(stdout.slice(o.end + `\n${marker}/${id} `.length));
  return { stdout: o.text, stderr: e?.text ?? '', code, ...(clock === undefined ? {} : { clock }) };
}

/** The end line's rest, after the marker: `rc`, or `rc start<TAB>end` of a timed frame. */
function endLine(rest: string): { code: number; clock?: HostClock } {
  const nl = rest.indexOf('\n');
  const line = nl < 0 ? rest : rest.slice(0, nl);
  const m = /^(\d+)(?: ([^\t]*)\t(.*))?$/.exec(line);
  if (!m) return { code: 255 };
  const code = Number.parseInt(m[1] ?? '', 10);
  return m[2] === undefined ? { code } : { code, clock: { start: m[2], end: m[3] ?? '' } };
}

export function buildProbeScript(probes: Readonly<Record<string, string>>, marker = newMarker()): ProbeScript {
  const names = Object.keys(probes);
  return {
    script: names.map((name, i) => frame(marker, String(i), probes[name] ?? 'true')).join('\n'),
    parse(stdout: string, stderr: string): Record<string, ProbeOutput> {
      const out: Record<string, ProbeOutput> = {};
      names.forEach((name, i) => {
        // a probe the script never reached (killed, connection lost) is a failed probe
        out[name] = unframe(stdout, stderr, marker, String(i)) ?? { stdout: '', stderr: 'probe did not run', code: 255 };
      });
      return out;
    },
  };
}

/** The text between `start` and the first `end` after it (`end` at index `end`); the two may share a newline. */
function between(text: string, start: string, end: string): { text: string; end: number } | undefined {
  const a = text.indexOf(start);
  if (a < 0) return undefined;
  const b = text.indexOf(end, a + start.length - 1);
  if (b < 0) return undefined;
  return { text: text.slice(a + start.length, Math.max(a + start.length, b)), end: b };
}
