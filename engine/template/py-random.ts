// Python's random.Random(seed) (MT19937, seeded as CPython 3 does for str and int seeds), so that
// `59 | random(seed=inventory_hostname)` gives the number Ansible gives: the same cron minute under both tools.
import { createHash } from 'node:crypto';
import { TemplateRuntimeError } from './undefined.js';

export class PyRandom {
  private readonly mt = new Uint32Array(624);
  private index = 625;

  constructor(seed: string | number) {
    this.initByArray(seedWords(seed));
  }

  private initGenrand(s: number): void {
    this.mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] as number;
      this.mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = 624;
  }

  private initByArray(key: number[]): void {
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const mt = this.mt;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) >>> 0) + (key[j] as number) + j) >>> 0;
      i++;
      j++;
      if (i >= 624) { mt[0] = mt[623] as number; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) >>> 0) - i) >>> 0;
      i++;
      if (i >= 624) { mt[0] = mt[623] as number; i = 1; }
    }
    mt[0] = 0x80000000;
  }

  private next32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % 624] as number) & 0x7fffffff);
        mt[k] = ((mt[(k + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** getrandbits(k) for k <= 32 */
  private bits(k: number): number {
    return k === 0 ? 0 : this.next32() >>> (32 - k);
  }

  /** _randbelow_with_getrandbits(n) */
  below(n: number): number {
    if (n <= 0) return 0;
    if (n > 0xffffffff) throw new TemplateRuntimeError('random: a seeded range of more than 2**32 numbers is not supported');
    const k = n.toString(2).length;
    let r = this.bits(k);
    while (r >= n) r = this.bits(k);
    return r;
  }

  randrange(start: number, stop: number, step: number): number {
    const n = step === 1 ? stop - start : step > 0 ? Math.floor((stop - start + step - 1) / step) : Math.floor((stop - start + step + 1) / step);
    if (n <= 0) throw new TemplateRuntimeError(`random: empty range for randrange (${start}, ${stop}, ${step})`);
    return start + step * this.below(n);
  }

  shuffle<T>(items: T[]): T[] {
    const x = [...items];
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [x[i], x[j]] = [x[j] as T, x[i] as T];
    }
    return x;
  }
}

/** CPython's random_seed: a str seed becomes int(bytes + sha512(bytes)); an int's absolute value; 32-bit words, low first */
function seedWords(seed: string | number): number[] {
  let n: bigint;
  if (typeof seed === 'string') {
    const bytes = Buffer.from(seed, 'utf8');
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    n = BigInt(`0x${all.toString('hex')}`);
  } else n = BigInt(Math.abs(Math.trunc(seed)));
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words.length ? words : [0];
}
