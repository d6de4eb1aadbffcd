// The controller-only modules (assert, debug, fail, meta, set_fact) and ping: plans from the task alone.
import { describe, expect, it } from 'vitest';
import { assertModule } from '../../../modules/assert.js';
import { debugModule } from '../../../modules/debug.js';
import { failModule } from '../../../modules/fail.js';
import { metaModule } from '../../../modules/meta.js';
import { pingModule } from '../../../modules/ping.js';
import { setFactModule } from '../../../modules/set_fact.js';
import { ctx, out, plan } from './harness.js';

const vars = { kvm: true, mem: 4096, flags: ['vmx'], empty: [] };

describe('controller-only modules', () => {
  it('are marked controllerOnly, ping is not', () => {
    for (const m of [debugModule, assertModule, failModule, setFactModule, metaModule]) expect(m.controllerOnly).toBe(true);
    expect(pingModule.controllerOnly).not.toBe(true);
  });

  const cases: { name: string; run: () => ReturnType<typeof plan>; expect: Record<string, unknown> }[] = [
    { name: 'debug default message', run: () => plan(debugModule, { verbosity: 0 }, {}), expect: { kind: 'ok', reason: 'Hello world!', data: { msg: 'Hello world!' } } },
    { name: 'debug msg', run: () => plan(debugModule, { msg: 'hi', verbosity: 0 }, {}), expect: { kind: 'ok', reason: 'hi' } },
    { name: 'debug var', run: () => plan(debugModule, { var: 'flags', verbosity: 0 }, {}, ctx({ vars })), expect: { kind: 'ok', data: { flags: ['vmx'] } } },
    { name: 'debug undefined var', run: () => plan(debugModule, { var: 'nope', verbosity: 0 }, {}, ctx({ vars })), expect: { kind: 'ok' } },
    { name: 'debug verbosity not met', run: () => plan(debugModule, { msg: 'x', verbosity: 2 }, {}, ctx({ verbosity: 1 })), expect: { kind: 'ok', reason: 'skipped: verbosity threshold 2 not met' } },
    { name: 'assert passes', run: () => plan(assertModule, { that: ['kvm', 'mem'], quiet: false }, {}, ctx({ vars })), expect: { kind: 'ok', reason: 'All assertions passed' } },
    { name: 'assert single string', run: () => plan(assertModule, { that: 'kvm', success_msg: 'fine', quiet: false }, {}, ctx({ vars })), expect: { kind: 'ok', reason: 'fine' } },
    { name: 'assert fails on an empty list', run: () => plan(assertModule, { that: ['kvm', 'empty'], quiet: false }, {}, ctx({ vars })), expect: { kind: 'fail', msg: 'Assertion failed', data: { assertion: 'empty', evaluated_to: false, msg: 'Assertion failed' } } },
    { name: 'assert fail_msg', run: () => plan(assertModule, { that: [false], fail_msg: 'no VT-x', quiet: false }, {}), expect: { kind: 'fail', msg: 'no VT-x' } },
    { name: 'assert msg alias', run: () => plan(assertModule, { that: [false], msg: 'alias', quiet: false }, {}), expect: { kind: 'fail', msg: 'alias' } },
    { name: 'assert evaluation error', run: () => plan(assertModule, { that: ['nope'], quiet: false }, {}, ctx({ vars })), expect: { kind: 'fail' } },
    { name: 'fail default', run: () => plan(failModule, {}, {}), expect: { kind: 'fail', msg: 'Failed as requested from task' } },
    { name: 'fail msg', run: () => plan(failModule, { msg: 'stop' }, {}), expect: { kind: 'fail', msg: 'stop' } },
    { name: 'set_fact', run: () => plan(setFactModule, { a: 1, b: { c: [2] }, cacheable: true }, {}), expect: { kind: 'ok', data: { ansible_facts: { a: 1, b: { c: [2] } } } } },
    { name: 'set_fact bad name', run: () => plan(setFactModule, { 'a-b': 1 }, {}), expect: { kind: 'fail' } },
    { name: 'set_fact nothing', run: () => plan(setFactModule, { cacheable: false }, {}), expect: { kind: 'fail' } },
    { name: 'meta flush_handlers', run: () => plan(metaModule, { free_form: 'flush_handlers' }, {}), expect: { kind: 'ok', data: { meta: 'flush_handlers' } } },
    { name: 'meta end_host', run: () => plan(metaModule, { free_form: 'end_host' }, {}), expect: { kind: 'ok', data: { meta: 'end_host' } } },
    { name: 'ping', run: () => plan(pingModule, { data: 'pong' }, { pong: out('pong\n') }), expect: { kind: 'ok', data: { ping: 'pong' } } },
    { name: 'ping crash', run: () => plan(pingModule, { data: 'crash' }, { pong: out('pong\n') }), expect: { kind: 'fail' } },
    { name: 'ping no answer', run: () => plan(pingModule, { data: 'pong' }, { pong: out('', 126, 'permission denied') }), expect: { kind: 'fail', msg: 'the host did not answer: permission denied' } },
  ];
  for (const c of cases) it(c.name, () => expect(c.run()).toMatchObject(c.expect));

  it('debug of an undefined variable says so instead of failing', () => {
    const p = plan(debugModule, { var: 'nope', verbosity: 0 }, {}, ctx({ vars }));
    expect(p.kind === 'ok' && String(p.data?.nope)).toMatch(/^VARIABLE IS NOT DEFINED!/);
  });

  it('ping probes with echo pong', () => {
    expect(pingModule.probe?.({ data: 'pong' }, ctx())).toEqual({ pong: 'echo pong' });
  });
});
