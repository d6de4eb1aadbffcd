// serial: batches of hosts (numbers, percentages, or a list of them; the last size repeats).
export function serialBatches(hosts: readonly string[], serial: readonly (number | string)[]): string[][] {
  if (serial.length === 0 || hosts.length === 0) return [[...hosts]];
  const batches: string[][] = [];
  let i = 0;
  let s = 0;
  while (i < hosts.length) {
    const spec = serial[Math.min(s, serial.length - 1)] ?? hosts.length;
    const size = typeof spec === 'number' ? spec : Math.floor((hosts.length * Number.parseFloat(spec)) / 100);
    const n = Math.max(1, size); // Ansible rounds a percentage down but never below one host
    batches.push(hosts.slice(i, i + n));
    i += n;
    s++;
  }
  return batches;
}
