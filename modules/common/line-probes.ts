// Several one-line probes as one: one subshell on the host instead of one each. Each part prints exactly one
// non-empty line when it succeeds and nothing when it fails (statCommand, typeCommand, directoryTestCommand).
import type { ProbeOutput } from '../contract.js';

/** The parts in order, each as "name <its line>" or "name " when it failed; parts' stderr is dropped. */
export function lineProbes(parts: Readonly<Record<string, string>>): string {
  return Object.entries(parts)
    .map(([name, cmd]) => `printf '%s ' ${name}; if { ${cmd}\n} 2>/dev/null; then :; else echo; fi`)
    .join('\n');
}

/** Back to one output per part: code 0 with its line, or code 1 when it failed (or never ran). */
export function splitLineProbes(out: ProbeOutput | undefined, names: readonly string[]): Record<string, ProbeOutput> {
  const lines = new Map<string, string>();
  for (const line of (out?.stdout ?? '').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) lines.set(line.slice(0, space), line.slice(space + 1));
  }
  const parts: Record<string, ProbeOutput> = {};
  for (const name of names) {
    const line = lines.get(name);
    parts[name] = line === undefined || line === '' ? { stdout: '', stderr: '', code: 1 } : { stdout: `${line}\n`, stderr: '', code: 0 };
  }
  return parts;
}
