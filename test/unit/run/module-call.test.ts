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
import { kitPlanContext } from '../modules/kit/plan-context.js';

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
  return callModule({ module, params: {}, ctx: kitPlanContext(), transport, exec: {}, check, earlierPredictedChange: false });
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

/** A module whose probes and steps are given as they are. */
function moduleWith(probes: Readonly<Record<string, string>>, steps: readonly Step[]) {
  return defineModule({
    name: 'given',
    short: 'test module',
    examples: '',
    params: Type.Object({}),
    probe: () => probes,
    plan: () => ({ kind: 'change', summary: 'given steps', steps }),
  });
}

/** Keeps every command line handed to the transport, and what was written into a channel's stdin. */
class RecordingTransport extends CountingTransport {
  readonly sent: string[] = [];
  override exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.sent.push(command);
    const stdin = options?.stdin;
    if (stdin === undefined || typeof stdin === 'string' || Buffer.isBuffer(stdin)) return super.exec(command, options);
    return super.exec(command, {
      ...options,
      stdin: {
        after: stdin.after,
        write: async (out: string, err: string) => {
          const text = await stdin.write(out, err);
          this.sent.push(text);
          return text;
        },
      },
    });
  }
}

describe('callModule: a NUL byte in what would be sent to the host', () => {
  const NUL_MSG = /holds a NUL byte, which a POSIX command line cannot carry/;
  const run = (m: ReturnType<typeof moduleWith>, t: RecordingTransport, opts: { check?: boolean; env?: Record<string, string>; user?: string } = {}) =>
    callModule({
      module: m,
      params: {},
      ctx: kitPlanContext(),
      transport: t,
      exec: { ...(opts.env ? { env: opts.env } : {}), ...(opts.user !== undefined ? { become: { user: opts.user } } : {}) },
      check: opts.check === true,
      earlierPredictedChange: false,
    });

  it('a step (no probes): the task fails, rc unset, nothing is sent, in check mode too', async () => {
    for (const check of [false, true]) {
      const path = join(dir, `nul-step-${String(check)}`);
      const t = new RecordingTransport();
      const r = await run(moduleWith({}, [{ cmd: sh`touch ${path}`, describe: 'first' }, { cmd: sh`echo ${'a\0b'}`, describe: 'second' }]), t, { check });
      expect(r).toMatchObject({ status: 'failed', predicted: false, data: {} });
      expect(r.msg).toMatch(NUL_MSG);
      expect(r.msg).not.toContain('\0');
      expect(t.execs).toBe(0);
      expect(existsSync(path)).toBe(false);
    }
  });

  it('a probe: the task fails before the probes are sent', async () => {
    const t = new RecordingTransport();
    const r = await run(moduleWith({ seen: sh`test -e ${'/tmp/a\0b'}` }, []), t);
    expect(r.status).toBe('failed');
    expect(r.msg).toMatch(NUL_MSG);
    expect(t.execs).toBe(0);
  });

  it('a step planned from the probes: not written into their channel, and none of the plan runs', async () => {
    const path = join(dir, 'nul-after-probe');
    const t = new RecordingTransport();
    const r = await run(moduleWith({ seen: 'echo probed' }, [{ cmd: sh`touch ${path}`, describe: 'touch' }, { cmd: `echo '\0'`, describe: 'nul' }]), t);
    expect(r.status).toBe('failed');
    expect(r.msg).toMatch(NUL_MSG);
    expect(t.execs).toBe(1);
    expect(t.sent.some((s) => s.includes('\0'))).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(r.commands.map((c) => c.stdout)).toEqual(['probed\n']);
  });

  it('an environment value or the become user', async () => {
    for (const opts of [{ env: { X: 'a\0b' } }, { user: 'ro\0ot' }]) {
      const t = new RecordingTransport();
      const r = await run(moduleWith({ seen: 'true' }, []), t, opts);
      expect(r.status).toBe('failed');
      expect(r.msg).toMatch(NUL_MSG);
      expect(t.execs).toBe(0);
    }
  });
  it("a skip plan is the task's skipped result (an action's skip, as unarchive's creates), nothing run", async () => {
    const m = defineModule({
      name: 'skipper',
      short: 'test module',
      examples: '',
      params: Type.Object({}),
      probe: () => ({ here: 'echo yes' }),
      plan: () => ({ kind: 'skip', msg: 'skipped, since /x exists' }),
    });
    const r = await callModule({ module: m, params: {}, ctx: kitPlanContext(), transport: new CountingTransport(), exec: {}, check: false, earlierPredictedChange: false });
    expect([r.status, r.msg]).toEqual(['skipped', 'skipped, since /x exists']);
  });
  it("a finish's saveLocal is written on the controller after the steps (parents made); a write that cannot happen fails the task", async () => {
    const saver = (path: string) =>
      defineModule({
        name: 'saver',
        short: 'test module',
        examples: '',
        params: Type.Object({}),
        plan: () => ({ kind: 'change', summary: 'read', steps: [{ cmd: 'printf fetched', describe: 'read' }] }),
        finish: (_p, outputs) => ({ saveLocal: { path, content: Buffer.from(outputs[0]?.stdout ?? '') } }),
      });
    const path = join(dir, 'saved', 'h1', 'etc', 'f');
    const r = await callModule({ module: saver(path), params: {}, ctx: kitPlanContext(), transport: new CountingTransport(), exec: {}, check: false, earlierPredictedChange: false });
    expect(r.status).toBe('changed');
    expect(readFileSync(path, 'utf8')).toBe('fetched');
    const blocked = await callModule({ module: saver(join(path, 'below-a-file')), params: {}, ctx: kitPlanContext(), transport: new CountingTransport(), exec: {}, check: false, earlierPredictedChange: false });
    expect([blocked.status, blocked.msg]).toEqual(['failed', expect.stringMatching(/^Failed to fetch the file: /)]);
    const checked = await callModule({ module: saver(join(dir, 'never')), params: {}, ctx: kitPlanContext(), transport: new CountingTransport(), exec: {}, check: true, earlierPredictedChange: false });
    expect(checked.status).toBe('changed');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('check steps and acts', () => {
  /** A module whose change writes a file, and whose check step only reads it; finish says what the step saw. */
  function withCheckSteps(path: string) {
    return defineModule({
      name: 'check_steps',
      short: 'test module',
      examples: '',
      params: Type.Object({}),
      probe: () => ({ none: 'true' }),
      plan: () => ({
        kind: 'change',
        summary: `write ${path}`,
        steps: [{ cmd: sh`echo x > ${path}; echo wrote`, describe: 'write' }],
        checkSteps: [{ cmd: sh`test -e ${path} && echo same || echo differs`, describe: 'compare' }],
      }),
      finish: (_p, outputs) => {
        const said = outputs[0]?.stdout.trim();
        if (said === 'skip') return { skipped: 'nothing to compare' };
        return { changed: said !== 'same', data: { said } };
      },
    });
  }

  it('in check mode only the checkSteps run, and finish is the prediction; the real run runs the steps', async () => {
    const path = join(dir, 'checked');
    const m = withCheckSteps(path);
    const predicted = await callModule({ module: m, params: {}, ctx: kitPlanContext({ check: true }), transport: new CountingTransport(), exec: {}, check: true, earlierPredictedChange: false });
    expect([predicted.status, predicted.predicted, predicted.data.said]).toEqual(['changed', true, 'differs']);
    expect(existsSync(path)).toBe(false);
    const real = await callModule({ module: m, params: {}, ctx: kitPlanContext(), transport: new CountingTransport(), exec: {}, check: false, earlierPredictedChange: false });
    expect([real.status, real.data.said]).toEqual(['changed', 'wrote']);
    const again = await callModule({ module: m, params: {}, ctx: kitPlanContext({ check: true }), transport: new CountingTransport(), exec: {}, check: true, earlierPredictedChange: false });
    expect([again.status, again.predicted]).toEqual(['ok', false]);
  });

  /** A module that drives the host: a command, a reconnect, the command again on the new connection. */
  const driver = defineModule({
    name: 'driver',
    short: 'test module',
    examples: '',
    params: Type.Object({}),
    connectsItself: true,
    plan: () => ({ kind: 'fail', msg: 'not planned' }),
    act: async (_p, host, ctx) => {
      if (ctx.check) return { status: 'changed', msg: 'would drive', data: {} };
      const a = await host.exec('echo one');
      await host.reconnect();
      const b = await host.exec('echo two');
      return { status: 'changed', msg: 'drove', data: { out: `${a.stdout}${b.stdout}`, local: host.local } };
    },
  });

  it("a module's act runs its commands through the session, connecting only when it first runs one, and again after reconnect", async () => {
    const opened: CountingTransport[] = [];
    const open = (): Promise<CountingTransport> => {
      const t = new CountingTransport();
      opened.push(t);
      return Promise.resolve(t);
    };
    const r = await callModule({ module: driver, params: {}, ctx: kitPlanContext(), transport: undefined, exec: {}, check: false, earlierPredictedChange: false, connect: open, reconnect: open });
    expect([r.status, r.data.out]).toEqual(['changed', 'one\ntwo\n']);
    expect(opened.map((t) => t.execs)).toEqual([1, 1]);
    expect(r.commands.map((c) => c.cmd)).toEqual(['echo one', 'echo two']);
    const checked = await callModule({ module: driver, params: {}, ctx: kitPlanContext({ check: true }), transport: undefined, exec: {}, check: true, earlierPredictedChange: false, connect: open, reconnect: open });
    expect([checked.status, checked.predicted, opened.length]).toEqual(['changed', true, 2]);
  });
});
