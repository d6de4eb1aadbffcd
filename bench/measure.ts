// Timing helpers for the benchmark: run a command, wall time and peak RSS (via /usr/bin/time), medians.
import { spawn } from 'node:child_process';

export interface Sample {
  readonly ms: number;
  readonly code: number;
  readonly peakRssMb: number | undefined;
  readonly output: string;
}

/** Run argv; with `rss`, under /usr/bin/time -f to read the peak resident set size of the command. */
export function measure(argv: readonly string[], opts: { env?: NodeJS.ProcessEnv; rss?: boolean; cwd?: string } = {}): Promise<Sample> {
  const full = opts.rss ? ['/usr/bin/time', '-f', 'KPLAY_MAXRSS_KB=%M', ...argv] : [...argv];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(full[0] as string, full.slice(1), { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const output = Buffer.concat(chunks).toString('utf8');
      const m = /KPLAY_MAXRSS_KB=(\d+)/.exec(output);
      resolve({ ms, code: code ?? 255, peakRssMb: m ? Number(m[1]) / 1024 : undefined, output });
    });
  });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
