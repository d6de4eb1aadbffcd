// Hardware facts from the facts script's sections: memory, processors and mounts, as Ansible's Linux collector.
import { dict } from '../core/dict.js';

type Fact = Record<string, unknown>;

/** memtotal_mb, memfree_mb, swaptotal_mb, swapfree_mb and memory_mb (real, nocache, swap) from /proc/meminfo. */
export function memoryFacts(meminfo: string): Fact {
  const mb: Record<string, number> = dict();
  for (const line of meminfo.split('\n')) {
    const m = /^(\w+):\s*(\d+)/.exec(line);
    if (m?.[1] && m[2]) mb[m[1].toLowerCase()] = Math.floor(Number(m[2]) / 1024);
  }
  const out: Fact = dict();
  for (const k of ['memtotal', 'memfree', 'swaptotal', 'swapfree']) if (mb[k] !== undefined) out[`${k}_mb`] = mb[k];
  const { memtotal, memfree, cached, buffers, swaptotal, swapfree, swapcached } = mb;
  const sum = (...n: (number | undefined)[]): number | null => (n.every((x) => x !== undefined) ? n.reduce<number>((a, x) => a + (x ?? 0), 0) : null);
  const nocacheFree = sum(cached, memfree, buffers);
  out.memory_mb = {
    real: { total: memtotal ?? null, used: memtotal !== undefined && memfree !== undefined ? memtotal - memfree : null, free: memfree ?? null },
    nocache: { free: nocacheFree, used: memtotal !== undefined && nocacheFree !== null ? memtotal - nocacheFree : null },
    swap: { total: swaptotal ?? null, free: swapfree ?? null, used: swaptotal !== undefined && swapfree !== undefined ? swaptotal - swapfree : null, cached: swapcached ?? null },
  };
  return out;
}

/** processor (index, vendor, model per CPU), processor_count/cores/threads_per_core/vcpus/nproc, as Ansible counts them. */
export function cpuFacts(cpuinfo: string): Fact {
  const processor: string[] = [];
  let vendors = 0;
  let processors = 0;
  let physid = '0';
  let coreid = '0';
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  let nproc = 0;
  for (const line of cpuinfo.split('\n')) {
    const at = line.indexOf(':');
    if (at < 0) continue;
    const key = line.slice(0, at).trim();
    const val = line.slice(at + 1).trim();
    if (['model name', 'Processor', 'vendor_id', 'Vendor', 'processor'].includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendors++;
      if (key === 'processor') processors++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      // Ansible checks the core id against the sockets here (sic), so a core seen once keeps 1 until `siblings`
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, Number(val));
    else if (key === 'siblings') cores.set(coreid, Number(val));
    else if (key === 'nproc') nproc = Number(val) || 0;
  }
  const out: Fact = { processor };
  if (vendors === 0) return out;
  const count = sockets.size > 0 ? sockets.size : processors;
  const firstSocket = [...sockets.values()][0];
  const perSocket = firstSocket ? firstSocket : 1;
  const firstCore = [...cores.values()][0];
  const threads = firstCore !== undefined ? Math.floor(firstCore / perSocket) : Math.floor(1 / perSocket);
  return { ...out, processor_count: count, processor_cores: perSocket, processor_threads_per_core: threads, processor_vcpus: threads * count * perSocket, processor_nproc: nproc || processors };
}

/** /proc/mounts escapes blanks as octal (\040). */
function unescape(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** mounts: device-backed mounts with their statvfs figures (uuid N/A: kplay does not run blkid). */
export function mountFacts(text: string): Fact[] {
  // one entry per mount point, as Ansible keys them: where a path is mounted twice, the last mount's figures
  const byMount = new Map<string, Fact>();
  let current: Fact | undefined;
  for (const line of text.split('\n')) {
    const w = line.split(' ');
    if (w[0] === 'm' && w.length >= 5) {
      current = { mount: unescape(w[2] ?? ''), device: unescape(w[1] ?? ''), fstype: w[3] ?? '', options: w[4] ?? '', uuid: 'N/A' };
      const mount = current.mount as string;
      if (byMount.has(mount)) Object.assign(byMount.get(mount) as Fact, current);
      else byMount.set(mount, current);
      current = byMount.get(mount);
    } else if (w[0] === 's' && current !== undefined && w.length >= 8) {
      const [frsize, bsize, blocks, bfree, bavail, files, ffree] = w.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
      Object.assign(current, {
        size_total: frsize * blocks,
        size_available: frsize * bavail,
        block_size: bsize,
        block_total: blocks,
        block_available: bavail,
        block_used: blocks - bfree,
        inode_total: files,
        inode_available: ffree,
        inode_used: files - ffree,
      });
    }
  }
  return [...byMount.values()];
}
