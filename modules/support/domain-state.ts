// The steps that take a libvirt domain from the state `virsh dominfo` shows to the state a task asks for.
import { quote } from '../../engine/core/quote.js';
import type { Step } from '../contract.js';
import { virsh } from './virsh.js';

export type WantedDomainState = 'running' | 'shutdown' | 'destroyed' | 'paused' | 'undefined';

/** virsh's state words (dominfo "State:", domstate) -> Ansible's virt state names. */
export function ansibleState(virshState: string): string {
  switch (virshState) {
    case 'running':
    case 'idle':
    case 'blocked':
      return 'running';
    case 'shut off':
    case 'in shutdown':
    case 'shutdown':
      return 'shutdown';
    default:
      return virshState; // paused, crashed, pmsuspended, no state
  }
}

export interface ShutdownOptions {
  readonly timeout: number;
  readonly force: boolean;
}

export interface StatePlan {
  readonly steps: Step[];
  readonly changes: string[];
}

/** Steps from `current` (a virsh state word; "shut off" for a guest defined by this task) to `wanted`. */
export function planDomainState(uri: string, name: string, current: string, wanted: WantedDomainState, shutdown: ShutdownOptions): StatePlan {
  const step = (describe: string, ...args: string[]): Step => ({ cmd: virsh(uri, ...args, name), describe });
  const off = current === 'shut off';
  const active = !off;
  switch (wanted) {
    case 'running':
      if (['running', 'idle', 'blocked'].includes(current)) return none();
      if (current === 'paused') return one(step(`resume guest ${name}`, 'resume'), `resume ${name}`);
      if (current === 'pmsuspended') return one(step(`wake guest ${name}`, 'dompmwakeup'), `wake ${name}`);
      if (current === 'crashed' || current === 'in shutdown') {
        // a crashed guest kept for inspection must be destroyed before it can start again
        return { steps: [step(`destroy guest ${name}`, 'destroy'), step(`start guest ${name}`, 'start')], changes: [`restart ${name}`] };
      }
      return one(step(`start guest ${name}`, 'start'), `start ${name}`);
    case 'paused':
      if (current === 'paused') return none();
      if (off) return one(step(`start guest ${name} paused`, 'start', '--paused'), `start ${name} paused`);
      return one(step(`pause guest ${name}`, 'suspend'), `pause ${name}`);
    case 'destroyed':
      if (off) return none();
      return one(step(`destroy guest ${name}`, 'destroy'), `destroy ${name}`);
    case 'shutdown':
      if (off) return none();
      return one(shutdownStep(uri, name, current, shutdown), `shut down ${name}`);
    case 'undefined': {
      const steps: Step[] = [];
      if (active) steps.push(step(`destroy guest ${name}`, 'destroy'));
      // --nvram and --managed-save: otherwise libvirt refuses to undefine UEFI guests and guests with a saved state
      steps.push(step(`undefine guest ${name}`, 'undefine', '--managed-save', '--nvram'));
      return { steps, changes: [`undefine ${name}`] };
    }
  }
}

/**
 * ACPI shutdown, then wait up to `timeout` seconds for "shut off"; a guest that ignores ACPI is destroyed when
 * `force`, else the step fails saying so. timeout 0 without force sends the request only, as Ansible's virt does.
 */
function shutdownStep(uri: string, name: string, current: string, o: ShutdownOptions): Step {
  const lines: string[] = [];
  // a paused guest cannot react to ACPI: resume it first (unless it will simply be destroyed)
  if (current === 'paused' && !(o.force && o.timeout === 0)) lines.push(`${virsh(uri, 'resume', name)} || exit $?`);
  if (!(o.force && o.timeout === 0)) lines.push(`${virsh(uri, 'shutdown', name)} || exit $?`);
  if (o.timeout > 0 || o.force) {
    const giveUp = o.force
      ? `${virsh(uri, 'destroy', name)}; exit $?`
      : `echo ${quote(`guest ${name} did not shut down within ${o.timeout}s (it may ignore ACPI): set force: true to destroy it`)} >&2; exit 1`;
    lines.push(
      'i=0',
      `while [ "$(${virsh(uri, 'domstate', name)})" != 'shut off' ]; do`,
      `  if [ "$i" -ge ${o.timeout} ]; then ${giveUp}; fi`,
      '  sleep 1; i=$((i+1))',
      'done',
    );
  }
  const describe = o.force ? `shut down guest ${name} (destroy after ${o.timeout}s)` : `shut down guest ${name}`;
  return { cmd: lines.join('\n'), describe };
}

function none(): StatePlan {
  return { steps: [], changes: [] };
}

function one(step: Step, change: string): StatePlan {
  return { steps: [step], changes: [change] };
}
