// wait_for_connection: wait until the host answers over its connection, as Ansible's action does: after `delay`,
// a new connection and a test command every `sleep` seconds until one succeeds or `timeout` passes. The host may
// be down when the task starts (the engine does not connect first).
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { untilSuccess } from './common/until-success.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  timeout: Type.Integer({ description: 'Seconds to wait in all.', default: 600 }),
  delay: Type.Integer({ description: 'Seconds before the first attempt.', default: 0 }),
  sleep: Type.Integer({ description: 'Seconds between attempts.', default: 1 }),
  connect_timeout: Type.Integer({ description: 'Accepted for compatibility: kplay connects with the run\'s connect timeout.', default: 5 }),
});

export const waitForConnectionModule = defineModule({
  name: 'wait_for_connection',
  short: 'Wait until the host can be reached over its connection and runs a command (after a reboot, or while it boots)',
  params,
  connectsItself: true,
  async: 'refused',
  // Ansible skips it in check mode
  checkMode: 'skip',
  checkSkipped: () => ({ msg: 'skipped in check mode', data: {} }),
  examples: `- name: Wait for the new machines to answer
  wait_for_connection:
    delay: 5
    timeout: 300
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'wait_for_connection is carried out by its act, not planned' }),
  async act(p, host) {
    const start = Date.now();
    const elapsed = (): number => Math.floor((Date.now() - start) / 1000);
    if (p.delay > 0) await sleep(p.delay * 1000);
    let first = true;
    const r = await untilSuccess(p.timeout, () => p.sleep * 1000, async () => {
      // a new connection each attempt, as Ansible resets it; the first may be the one the run already holds
      if (!first) await host.reconnect();
      first = false;
      const out = await host.exec('echo pong');
      if (out.code !== 0 || out.stdout.trim() !== 'pong') throw new Error('ping test failed');
    });
    if (r.done) return { status: 'ok', msg: `the host answered after ${elapsed()} s`, data: { elapsed: elapsed() } };
    return { status: 'failed', msg: `timed out waiting for ping module test: ${errorMessage(r.last)}`, data: { elapsed: elapsed() } };
  },
});
