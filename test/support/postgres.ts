// A throwaway PostgreSQL server for tests: Debian's postgresql-15, a fresh cluster in a temporary directory, run as
// the `postgres` user on 127.0.0.1 and a free port, ended by its PID and removed when the test is done.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface Postgres {
  /** postgres://kplay@127.0.0.1:PORT/kplay (trust authentication on loopback, this cluster only) */
  readonly url: string;
  /** the cluster's directory (removed by stop) */
  readonly dir: string;
  stop(): Promise<void>;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function must(cmd: string, args: readonly string[], as: { uid: number; gid: number }): void {
  const r = spawnSync(cmd, args, { ...as, encoding: 'utf8', env: { PATH: `${BIN}:/usr/bin:/bin`, LC_ALL: 'C.UTF-8' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

/** Start a fresh cluster with a database and user `kplay`; resolves once it accepts connections. */
export async function startPostgres(): Promise<Postgres> {
  const as = postgresUser();
  // not under the tests' TMPDIR: that one is root's alone (0700), and the server runs as postgres
  const dir = mkdtempSync('/tmp/kplay-pg-');
  chownSync(dir, as.uid, as.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  must(join(BIN, 'initdb'), ['-D', data, '-U', 'kplay', '--auth=trust', '-E', 'UTF8', '--no-instructions'], as);
  const port = await freePort();
  const server: ChildProcess = spawn(
    join(BIN, 'postgres'),
    ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'max_connections=200'],
    { ...as, stdio: 'ignore', env: { LC_ALL: 'C.UTF-8' } },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.pid !== undefined) {
      process.kill(server.pid, 'SIGINT'); // PostgreSQL's fast shutdown
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) process.kill(server.pid, 'SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const r = spawnSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
      if (r.status === 0) break;
      if (server.exitCode !== null || i > 300) throw new Error(`PostgreSQL did not start (exit ${server.exitCode})`);
      await new Promise((r2) => setTimeout(r2, 100));
    }
    must(join(BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'kplay', 'kplay'], as);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://kplay@127.0.0.1:${port}/kplay`, dir, stop };
}
