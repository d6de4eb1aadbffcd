// reboot: restart the host and wait until it is back, as Ansible's reboot action does: read the boot id, run
// `shutdown -r`, then connect again until the boot id has changed and the test command succeeds.
import { setTimeout as sleep } from 'node:timers/promises';
import { Type, type Static } from '@sinclair/typebox';
import { quote, shellJoin } from '../engine/core/quote.js';
import { errorMessage } from '../engine/core/errors.js';
import { pyRepr } from '../engine/template/values.js';
import { untilSuccess } from './common/until-success.js';
import { defineModule, type ActResult, type HostSession } from './contract.js';

const SEARCH_PATHS = ['/sbin', '/bin', '/usr/sbin', '/usr/bin', '/usr/local/sbin'];
const MAX_FAIL_SLEEP_S = 12;

const params = Type.Object({
  msg: Type.String({ description: 'The message shutdown shows logged-in users.', default: 'Reboot initiated by Ansible' }),
  pre_reboot_delay: Type.Integer({ description: 'Seconds before the reboot (shutdown counts whole minutes: under 60 is now).', default: 0 }),
  post_reboot_delay: Type.Integer({ description: 'Seconds to wait after the reboot command before checking the host.', default: 0 }),
  reboot_timeout: Type.Integer({ description: 'Seconds to wait for the host to come back, and again for the test command to succeed.', default: 600 }),
  connect_timeout: Type.Optional(Type.Integer({ description: 'Accepted for compatibility: kplay connects with the run\'s connect timeout.' })),
  test_command: Type.String({ description: 'A command that succeeds once the host is ready.', default: 'whoami' }),
  boot_time_command: Type.String({ description: 'A command whose output changes with each boot.', default: 'cat /proc/sys/kernel/random/boot_id' }),
  reboot_command: Type.Optional(Type.String({ description: 'The command line that reboots the host (its first word looked up in search_paths when not absolute).' })),
  search_paths: Type.Array(Type.String(), { description: 'Where the shutdown command is looked for.', default: SEARCH_PATHS }),
});

type Params = Static<typeof params>;

class RebootError extends Error {}

/** The shutdown program: absolute as given, else the first search path that has it (Ansible runs find there). */
async function shutdownProgram(p: Params, host: HostSession): Promise<string> {
  const program = p.reboot_command === undefined ? 'shutdown' : (p.reboot_command.split(' ')[0] ?? '');
  if (program.startsWith('/')) return program;
  const look = `for d in ${shellJoin(p.search_paths)}; do [ -e "$d"/${quote(program)} ] && { printf '%s\\n' "$d"/${quote(program)}; exit 0; }; done; exit 1`;
  const r = await host.exec(look);
  const found = r.stdout.split('\n')[0] ?? '';
  if (r.code !== 0 || found === '') throw new RebootError(`Unable to find command "${program}" in search paths: ${pyRepr([...p.search_paths])}`);
  return found;
}

function shutdownArgs(p: Params): string {
  if (p.reboot_command !== undefined) return p.reboot_command.includes(' ') ? p.reboot_command.slice(p.reboot_command.indexOf(' ') + 1) : '';
  // the message is one quoted word here (Ansible puts it in double quotes, where $ and ` would still run)
  return `-r ${Math.floor(p.pre_reboot_delay / 60)} ${quote(p.msg)}`;
}

async function bootId(p: Params, host: HostSession): Promise<string> {
  const r = await host.exec(p.boot_time_command);
  if (r.code !== 0) throw new RebootError(`reboot: failed to get host boot time info, rc: ${r.code}, stdout: ${r.stdout}, stderr: ${r.stderr}`);
  return r.stdout.trim();
}

/** reboot's back-off between attempts: exponential, at most 12 s, plus up to 1 s of jitter. */
const backoffMs = (failures: number): number => Math.min(2 ** failures, MAX_FAIL_SLEEP_S) * 1000 + Math.random() * 1000;

/** Until the attempt succeeds; a RebootError naming what was waited for when the time runs out. */
async function waitFor(timeoutS: number, what: string, attempt: () => Promise<void>): Promise<void> {
  const r = await untilSuccess(timeoutS, backoffMs, attempt);
  if (!r.done) throw new RebootError(`Timed out waiting for ${what} (timeout=${timeoutS})`);
}

async function reboot(p: Params, host: HostSession): Promise<ActResult> {
  let before: string;
  try {
    before = await bootId(p, host);
  } catch (err) {
    if (err instanceof RebootError) return { status: 'failed', msg: err.message, data: { rebooted: false } };
    throw err;
  }
  const program = await shutdownProgram(p, host).catch((err: unknown) => err);
  if (program instanceof RebootError) return { status: 'failed', msg: program.message, data: {} };
  if (typeof program !== 'string') throw program;
  let start = Date.now();
  const elapsed = (): number => Math.floor((Date.now() - start) / 1000);
  try {
    const r = await host.exec(`${quote(program)} ${shutdownArgs(p)}`);
    start = Date.now();
    if (r.code !== 0) return { status: 'failed', msg: `Reboot command failed. Error was: '${r.stdout.trim()}, ${r.stderr.trim()}'`, data: { rebooted: false, elapsed: elapsed() } };
  } catch {
    // the connection closed as the host went down: carry on, as Ansible does
    start = Date.now();
  }
  if (p.post_reboot_delay > 0) await sleep(p.post_reboot_delay * 1000);
  try {
    await waitFor(p.reboot_timeout, 'last boot time check', async () => {
      await host.reconnect();
      const now = await bootId(p, host);
      if (now === '' || now === before) throw new Error('boot time has not changed');
    });
    await waitFor(p.reboot_timeout, 'post-reboot test command', async () => {
      const r = await host.exec(p.test_command).catch(async (err: unknown) => {
        await host.reconnect().catch(() => undefined);
        throw err;
      });
      if (r.code !== 0) throw new Error(`Test command failed: ${r.stderr} ${r.stdout}`);
    });
  } catch (err) {
    if (err instanceof RebootError) return { status: 'failed', msg: err.message, data: { rebooted: true, elapsed: elapsed() } };
    return { status: 'failed', msg: errorMessage(err), data: { rebooted: true, elapsed: elapsed() } };
  }
  return { status: 'changed', msg: 'rebooted', data: { rebooted: true, elapsed: elapsed() } };
}

export const rebootModule = defineModule({
  name: 'reboot',
  short: 'Reboot the host and wait until it is back (a new boot id, then the test command succeeds)',
  params,
  async: 'refused',
  examples: `- name: Reboot after a kernel update
  reboot:
    msg: Kernel update
    reboot_timeout: 900
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'reboot is carried out by its act, not planned' }),
  async act(p, host, ctx) {
    if (host.local) return { status: 'failed', msg: 'Running reboot with local connection would reboot the control node.', data: { rebooted: false, elapsed: 0 } };
    if (ctx.check) return { status: 'changed', msg: 'the host would reboot', data: { rebooted: true, elapsed: 0 } };
    return reboot(p, host);
  },
});
