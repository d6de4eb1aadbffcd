// virsh on the host: command lines, parsers of its "Key: value" tables and lists, and what a failure means.
import { dict } from '../../engine/core/dict.js';
import { sh } from '../../engine/core/quote.js';
import type { Plan, ProbeOutput } from '../contract.js';

/** `virsh -c URI args...`, every argument quoted. */
export function virsh(uri: string, ...args: readonly string[]): string {
  return sh`virsh -c ${uri} ${args}`;
}

/** `dominfo` / `net-info` / `domstate --reason` tables: "Max memory:     131072 KiB" -> {"Max memory": "131072 KiB"} */
export function parseVirshTable(stdout: string): Record<string, string> {
  const out: Record<string, string> = dict();
  for (const line of stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line.trimEnd());
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/** `virsh list --all --name` / `net-list --all --name`: one name per line, blank lines dropped. */
export function parseVirshNames(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export type VirshProbe =
  | { readonly kind: 'ok'; readonly stdout: string }
  | { readonly kind: 'no-virsh' } // the tool is not installed (127)
  | { readonly kind: 'no-daemon'; readonly msg: string } // libvirtd/its socket is not there
  | { readonly kind: 'not-found' } // no such domain / network
  | { readonly kind: 'error'; readonly msg: string };

/** What one virsh probe says, judged from its exit code and libvirt's error messages. */
export function classifyVirsh(o: ProbeOutput | undefined): VirshProbe {
  if (!o) return { kind: 'error', msg: 'probe did not run' };
  if (o.code === 0) return { kind: 'ok', stdout: o.stdout };
  if (o.code === 127) return { kind: 'no-virsh' };
  const msg = errorLines(o);
  if (/failed to connect to the hypervisor|failed to connect socket|cannot connect to|no connection driver available/i.test(o.stderr)) {
    return { kind: 'no-daemon', msg };
  }
  if (/failed to get (domain|network)|(domain|network) not found|no (domain|network) with matching/i.test(o.stderr)) return { kind: 'not-found' };
  return { kind: 'error', msg };
}

/** virsh's own error lines ("error: ..."), or its whole output when it printed none. */
function errorLines(o: { readonly stdout: string; readonly stderr: string; readonly code: number }): string {
  const lines = o.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const errors = lines.filter((l) => l.startsWith('error:'));
  const chosen = errors.length > 0 ? errors : lines;
  return chosen.join('; ') || o.stdout.trim() || `exit code ${o.code}`;
}

/**
 * The failure for a host without virsh or without a running libvirt daemon: both can be the work of an earlier
 * task of the same run (install libvirt-client, start libvirtd), so `wouldDo` is reported as a predicted change
 * in check mode after such a task.
 */
export function libvirtMissing(probe: Extract<VirshProbe, { kind: 'no-virsh' | 'no-daemon' }>, uri: string, wouldDo: string): Plan {
  const msg =
    probe.kind === 'no-virsh'
      ? 'virsh was not found on the host: install the libvirt client (package libvirt-client) and libvirt'
      : `cannot connect to libvirt at ${uri}: ${probe.msg} (is libvirtd installed and running?)`;
  return { kind: 'fail', msg, missingPrerequisite: `${wouldDo} (once libvirt is installed and running)` };
}
