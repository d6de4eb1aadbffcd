// pause: wait on the controller, once for the play's hosts, as Ansible's pause action does without a terminal to
// read from: `seconds` or `minutes` are waited out; a prompt alone is not waited for (there is no one to answer).
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { now } from '../engine/template/datetime.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  seconds: Type.Optional(Type.Integer({ description: 'Seconds to wait (under 1 waits 1).' })),
  minutes: Type.Optional(Type.Integer({ description: 'Minutes to wait.' })),
  prompt: Type.Optional(Type.String({ description: 'A message for a person; kplay does not wait for an answer.' })),
  echo: Type.Boolean({ description: 'Accepted for compatibility (no input is read).', default: true }),
});

/** Python's round(x, 2) printed as Python prints a float (5.0, 0.02). */
function pyFloat(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Number.isInteger(r) ? `${r}.0` : String(r);
}

export const pauseModule = defineModule({
  name: 'pause',
  short: 'Wait a number of seconds or minutes on the controller, once for the play\'s hosts',
  params,
  controllerOnly: true,
  bypassHostLoop: true,
  mutuallyExclusive: [['minutes', 'seconds']],
  examples: `- name: Let the cluster settle
  pause:
    seconds: 30
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'pause is carried out by its act, not planned' }),
  async act(p) {
    const started = now(false);
    const unit = p.minutes !== undefined ? 'minutes' : 'seconds';
    const seconds = p.minutes !== undefined ? p.minutes * 60 : p.seconds;
    if (seconds !== undefined) await sleep(Math.max(seconds, 1) * 1000);
    const stopped = now(false);
    const duration = (stopped.us - started.us) / 1_000_000;
    const data = {
      start: started.str(),
      stop: stopped.str(),
      delta: Math.floor(duration),
      stdout: `Paused for ${pyFloat(unit === 'minutes' ? duration / 60 : duration)} ${unit}`,
      user_input: '',
      echo: p.echo,
    };
    const msg = seconds === undefined ? 'Not waiting for response to prompt as stdin is not interactive' : data.stdout;
    return { status: 'ok', msg, data };
  },
});
