// A private /21 per lab (room for 2000 hosts), chosen from the lab name inside 10.128.0.0/9.
import { createHash } from 'node:crypto';

const LAB_PREFIX = 21;
const BLOCK_SIZE = 1 << (32 - LAB_PREFIX);
const BLOCKS = 4096; // 10.128.0.0/9 holds 4096 blocks of /21
const BASE = (10 << 24) | (128 << 16);

export interface LabSubnet {
  network: string;
  prefix: number;
  gateway: string;
  /** Address of host number `index` (1-based). */
  host(index: number): string;
}

function ipToString(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** The block index the name hashes to; `attempt` walks to the next block when that one is taken. */
export function subnetFor(name: string, attempt = 0): LabSubnet {
  const h = createHash('sha256').update(name).digest().readUInt32BE(0);
  const block = (h + attempt) % BLOCKS;
  const net = (BASE + block * BLOCK_SIZE) >>> 0;
  return {
    network: ipToString(net),
    prefix: LAB_PREFIX,
    gateway: ipToString(net + 1),
    host: (index) => ipToString(net + 1 + index),
  };
}

export function subnetsOverlap(a: { network: string; prefix: number }, b: { network: string; prefix: number }): boolean {
  const p = Math.min(a.prefix, b.prefix);
  const mask = p === 0 ? 0 : (~0 << (32 - p)) >>> 0;
  return ((ipToNumber(a.network) & mask) >>> 0) === ((ipToNumber(b.network) & mask) >>> 0);
}

/** A locally administered MAC derived from the address, so a cut can pin the neighbour entry. */
export function macFor(address: string): string {
  const n = ipToNumber(address);
  const bytes = [0x02, 0x6b, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
