// Many probe commands in one round trip: one sh script with framed outputs, and the pure parser that splits them.
import { randomBytes } from 'node:crypto';
import type { ProbeOutput } from '../../modules/contract.js';

export interface ProbeScript {
  readonly script: string;
  /** split the combined stdout/stderr back into one output per probe */
  parse(stdout: string, stderr: string): Record<string, ProbeOutput>;
}

/**
 * Each probe runs in its own subshell with stdin closed, between marker lines on both streams, so a probe that
 * exits or prints anything cannot confuse the framing. The marker is random per script.
 */
export function buildProbeScript(probes: Readonly<Record<string, string>>, marker = `KPLAY${randomBytes(8).toString('hex')}`): ProbeScript {
  const names = Object.keys(probes);
  const parts = names.map((name, i) => {
    const cmd = probes[name] ?? 'true';
    return [
      `printf '%s\\n' '${marker} ${i}'; printf '%s\\n' '${marker} ${i}' >&2`,
      `( ${cmd}\n) </dev/null; __rc=$?`,
      `printf '\\n%s %s\\n' '${marker}/${i}' "$__rc"; printf '\\n%s\\n' '${marker}/${i}' >&2`,
    ].join('\n');
  });
  return {
    script: parts.join('\n'),
    parse(stdout: string, stderr: string): Record<string, ProbeOutput> {
      const out: Record<string, ProbeOutput> = {};
      names.forEach((name, i) => {
        const o = between(stdout, `${marker} ${i}\n`, `\n${marker}/${i} `);
        const e = between(stderr, `${marker} ${i}\n`, `\n${marker}/${i}\n`);
        if (o === undefined) {
          // the script died before this probe finished (killed, connection lost): report it as a failed probe
          out[name] = { stdout: '', stderr: e?.text ?? 'probe did not run', code: 255 };
          return;
        }
        const rest = stdout.slice(stdout.indexOf(`\n${marker}/${i} `) + marker.length + String(i).length + 3);
        const code = Number.parseInt(rest, 10);
        out[name] = { stdout: o.text, stderr: e?.text ?? '', code: Number.isNaN(code) ? 255 : code };
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
