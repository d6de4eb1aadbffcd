// serial: batches of hosts (numbers, percentages, or a list of them; the last size repeats).

/** A batch size as Ansible's pct_to_int reads it: "N%" of the hosts (at least one), else int() of the value. */
export function batchSize(spec: number | string, hostCount: number): number {
  if (typeof spec === 'string' && spec.endsWith('%')) return Math.trunc((Number.parseInt(spec, 10) / 100) * hostCount) || 1;
  return typeof spec === 'number' ? Math.trunc(spec) : Number.parseInt(spec, 10);
}

export function serialBatches(hosts: readonly string[], serial: readonly (number | string)[]): string[][] {
  if (serial.length === 0 || hosts.length === 0) return [[...hosts]];
  const batches: string[][] = [];
  let i = 0;
  let s = 0;
  while (i < hosts.length) {
    const n = batchSize(serial[Math.min(s, serial.length - 1)] ?? hosts.length, hosts.length);
    // as Ansible: a size of 0 or less (or none) takes every host left
    if (!(n > 0)) {
      batches.push(hosts.slice(i));
      break;
    }
    batches.push(hosts.slice(i, i + n));
    i += n;
    s++;
  }
  return batches;
}
