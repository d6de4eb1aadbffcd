// The steps planned from probes, run in the probes' own channel: after its probes, the script prints a ready
// line and waits on stdin for the steps; the engine plans from the probe output and writes them (or nothing).
import type { ProbeOutput, Step, StepOutput } from '../../modules/contract.js';
import { frame, unframe } from './probe-script.js';

/** Appended to a probe script: announce that the probes are done, then read the steps from stdin and run them. */
export function awaitStepsTail(marker: string): string {
  const ready = readyLine(marker);
  return [
    `printf '%s\\n' '${ready}'; printf '%s\\n' '${ready}' >&2`,
    // builtins only (no cat, no command substitution): no process is spawned when no step follows
    '__kplay_steps=',
    "while IFS= read -r __kplay_line; do __kplay_steps=\"$__kplay_steps$__kplay_line\n\"; done",
    'eval "$__kplay_steps"',
  ].join('\n');
}

/** The line both streams carry once every probe finished. */
export function readyLine(marker: string): string {
  return `${marker} ready`;
}

/** The steps as one script: each framed, stopping at the first that exits outside its okCodes. */
export function stepsScript(marker: string, steps: readonly Step[]): string {
  if (steps.length === 0) return '';
  return `${steps.map((s, i) => frame(marker, `s${i}`, s.cmd, { stopUnless: s.okCodes ?? [0], timed: s.timed })).join('\n')}\n`;
}

/** A timed step alone in its exec (it has its own stdin, or no probes ran before it): framed, reading the exec's stdin. */
export function timedStepScript(marker: string, step: Step): string {
  return frame(marker, 's', step.cmd, { timed: true, stdin: true });
}

/** What a timed step alone printed: its own output and clock; as it came when the frame never started (sudo refused). */
export function parseTimedStep(r: ProbeOutput, marker: string, step: Step): StepOutput {
  return { step, ...(unframe(r.stdout, r.stderr, marker, 's') ?? { stdout: r.stdout, stderr: r.stderr, code: r.code }) };
}

/** The outputs of the steps that ran, in order (a step after a failed one never starts). */
export function parseStepOutputs(stdout: string, stderr: string, marker: string, steps: readonly Step[]): StepOutput[] {
  const outputs: StepOutput[] = [];
  for (const [i, step] of steps.entries()) {
    const o = unframe(stdout, stderr, marker, `s${i}`);
    if (o === undefined) break;
    outputs.push({ step, ...o });
  }
  return outputs;
}
