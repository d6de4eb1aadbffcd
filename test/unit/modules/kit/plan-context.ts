// A PlanContext for a module's pure parts tested outside a cases file (a probe's quoting, an engine call with a
// stand-in module): no facts, no controller files, templates left as written. Cases files get theirs from run-case.ts.
import type { PlanContext, ProbeOutput } from '../../../../modules/contract.js';

export function kitPlanContext(over: Partial<PlanContext> = {}): PlanContext {
  const none = (rel: string): never => {
    throw new Error(`no controller file ${rel} in a kit context`);
  };
  return {
    facts: undefined,
    check: false,
    diff: false,
    verbosity: 0,
    remoteUser: 'root',
    render: (text) => text,
    evaluate: (expr) => {
      throw new Error(`'${expr}' is undefined`);
    },
    readLocalFile: none,
    readLocalBytes: none,
    walkVarsDir: (dir) => ({ kind: 'missing', path: dir }),
    ...over,
  };
}

/** What a probe printed: stdout, and an exit code and stderr when they matter. */
export function probeOut(stdout: string, code = 0, stderr = ''): ProbeOutput {
  return { stdout, stderr, code };
}
