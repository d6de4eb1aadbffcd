// ping: prove the host answers commands (a round trip through the connection and become).
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';

const params = Type.Object({
  data: Type.String({ description: 'The value to return as `ping`; "crash" makes the task fail (to test error handling).', default: 'pong' }),
});

export const pingModule = defineModule({
  name: 'ping',
  short: 'Check that the host answers commands',
  params,
  checkMode: 'plan',
  examples: `- name: Every host answers
  ping:
`,
  probe: () => ({ pong: 'echo pong' }),
  plan(p, observed) {
    const out = observed.pong;
    if (!out || out.code !== 0 || out.stdout.trim() !== 'pong') {
      return { kind: 'fail', msg: `the host did not answer: ${(out?.stderr ?? '').trim() || `exit code ${out?.code ?? 'none'}`}` };
    }
    if (p.data === 'crash') return { kind: 'fail', msg: 'boom (data=crash)' };
    return { kind: 'ok', reason: p.data ?? 'pong', data: { ping: p.data ?? 'pong' } };
  },
});
