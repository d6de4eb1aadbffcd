// callModule over the local transport (real /bin/sh): probes and the steps planned from them share one exec;
// steps that feed stdin, check mode and failing steps behave as with one exec per step.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { sh } from '../../../engine/core/quote.js';
import { callModule } from '../../../engine/run/module-call.js';
import { LocalTransport } from '../../../engine/transport/local-transport.js';
import type { ExecOptions, ExecResult } from '../../../engine/transport/transport.js';
import { defineModule, type Step } from '../../../modules/contract.js';
import { ctx } from '../modules/harness.js';

/** A module that probes a file and plans the given steps when it is missing. */
function moduleFor(path: string, steps: readonly Step[]) {
  return defineModule({
    name: 'probe_then_steps',
    short: 'test module',
    examples: '',
    params: Type.Object({}),
    probe: () => ({ exists: sh`test -e ${path} && echo yes`, noise: 'echo to-stderr >&2; echo out' }),
    plan: (_p, observed) =>
      observed.exists?.code === 0 ? { kind: 'ok', reason: 'exists' } : { kind: 'change', summary: `create ${path}`, steps },
  });
}

class CountingTransport extends LocalTransport {
  execs = 0;
  override exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.execs += 1;
    return super.exec(command, options);
  }
}

function call(module: ReturnType<typeof moduleFor>, transport: CountingTransport, check = false) {
  return callModule({ module, params: {}, ctx: ctx(), transport, exec: {}, check, earlierPredictedChange: false });
}

const dir = mkdtempSync(join(tmpdir(), 'kplay-module-call-'));

describe('callModule', () => {
  it('probes and steps in one exec; the rerun plans ok from the same exec', async () => {
    const path = join(dir, 'one');
    const m = moduleFor(path, [
      { cmd: sh`echo a > ${path}`, describe: 'write a' },
      { cmd: sh`echo b >> ${path}; echo step-out; echo step-err >&2`, describe: 'append b' },
    ]);
    const t = new CountingTransport();
    const first = await call(m, t);
    expect(t.execs).toBe(1);
    expect(first.status).toBe('changed');
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    expect(first.commands.map((c) => [c.code, c.stdout, c.stderr])).toEqual([
      [1, '', ''],
      [0, 'out\n', 'to-stderr\n'],
      [0, '', ''],
      [0, 'step-out\n', 'step-err\n'],
    ]);
    const again = await call(m, t);
    expect(t.execs).toBe(2);
    expect(again.status).toBe('ok');
  });

  it('stops at the first step outside its okCodes; later steps never run', async () => {
    const path = join(dir, 'two');
    const m = moduleFor(path, [
      { cmd: 'exit 3', describe: 'allowed three', okCodes: [0, 3] },
      { cmd: 'echo broken >&2; exit 4', describe: 'break' },
      { cmd: sh`touch ${path}`, describe: 'never' },
    ]);
    const t = new CountingTransport();
    const r = await call(m, t);
    expect(r.status).toBe('failed');
    expect(r.msg).toBe('break failed: broken');
    expect(existsSync(path)).toBe(false);
    expect(r.commands.slice(2).map((c) => c.code)).toEqual([3, 4]);
    expect(t.execs).toBe(1);
  });

  it('a step with its own stdin runs in its own exec after the probes', async () => {
    const path = join(dir, 'three');
    const m = moduleFor(path, [{ cmd: sh`cat > ${path}`, stdin: 'fed\n', describe: 'write from stdin' }]);
    const t = new CountingTransport();
    const r = await call(m, t);
    expect(r.status).toBe('changed');
    expect(readFileSync(path, 'utf8')).toBe('fed\n');
    expect(t.execs).toBe(2);
  });

  it('check mode: the probes run, no step is written, the change is predicted', async () => {
    const path = join(dir, 'four');
    const m = moduleFor(path, [{ cmd: sh`touch ${path}`, describe: 'touch' }]);
    const t = new CountingTransport();
    const r = await call(m, t, true);
    expect(r).toMatchObject({ status: 'changed', predicted: true });
    expect(existsSync(path)).toBe(false);
    expect(t.execs).toBe(1);
  });
});
