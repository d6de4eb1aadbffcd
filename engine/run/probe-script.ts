// Many commands in one round trip: one sh script with framed outputs, and the pure parser that splits them.
// Probes use it to read a host in one exec; the steps planned from them follow in the same channel (step-script.ts).
import { randomBytes } from 'node:crypto';
import type { ProbeOutput } from '../../modules/contract.js';

export interface ProbeScript {
  readonly script: string;
  /** split the combined stdout/stderr back into one output per probe */
  parse(stdout: string, stderr: string): Record<string, ProbeOutput>;
}

export const newMarker = (): string => `KPLAY${randomBytes(8).toString('hex')}`;

/**
 * One command in its own subshell with stdin closed, between marker lines on both streams, so a command that
 * exits or prints anything cannot confuse the framing. With `stopUnless`, the script ends after this command
 * unless it exited with one of those codes.
 */
export function frame(marker: string, id: string, cmd: string, stopUnless?: readonly number[]): string {
  const lines = [
    `printf '%s\\n' '${marker} ${id}'; printf '%s\\n' '${marker} ${id}' >&2`,
    `( ${cmd}\n) </dev/null; __rc=$?`,
    `printf '\\n%s %s\\n' '${marker}/${id}' "$__rc"; printf '\\n%s\\n' '${marker}/${id}' >&2`,
  ];
  if (stopUnless !== undefined) lines.push(`case $__rc in ${stopUnless.join('|')}) ;; *) exit 0 ;; esac`);
  return lines.join('\n');
}

/**
 * The output of one framed command: undefined when it never started, exit code 255 when it started but did
 * not finish (killed, connection lost).
 */
export function unframe(stdout: string, stderr: string, marker: string, id: string): ProbeOutput | undefined {
  const o = between(stdout, `${marker} ${id}\n`, `\n${marker}/${id} `);
  const e = between(stderr, `${marker} ${id}\n`, `\n${marker}/${id}\n`);
  if (o === undefined) {
    if (!stdout.includes(`${marker} ${id}\n`)) return undefined;
    return { stdout: '', stderr: e?.text ?? 'did not finish', code: 255 };
  }
  const rest = stdout.slice(stdout.indexOf(`\n${marker}/${id} `) + marker.length + id.length + 3);
  const code = Number.parseInt(rest, 10);
  return { stdout: o.text, stderr: e?.text ?? '', code: Number.isNaN(code) ? 255 : code };
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

function between(text: string, start: string, end: string): { text: string } | undefined {
  const a = text.indexOf(start);
  if (a < 0) return undefined;
  const b = text.indexOf(end, a + start.length - 1);
  if (b < 0) return undefined;
  return { text: text.slice(a + start.length, Math.max(a + start.length, b)) };
}
