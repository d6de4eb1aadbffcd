// Warnings about ssh options reach the run once for all hosts, through the connection pool (the connections go to
// a closed port on loopback, so this is not a unit test).
import { describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../../engine/run/connections.js';
import { HostRun } from '../../../engine/run/host.js';

describe('warnings reach the run once', () => {
  it('through the connection pool, one per option for all hosts', async () => {
    const warnings: string[] = [];
    const pool = new ConnectionPool({}, undefined, undefined, (w: string) => warnings.push(w));
    const vars = { ansible_host: '127.0.0.1', ansible_port: 1, ansible_ssh_common_args: '-C -o ControlMaster=auto -o ConnectTimeout=1', ansible_password: 'x' };
    try {
      const results = await Promise.allSettled([pool.connect(new HostRun('a', vars), vars), pool.connect(new HostRun('b', vars), vars)]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(warnings.filter((w) => w.includes('-C in ssh arguments'))).toHaveLength(1);
      expect(warnings.filter((w) => w.includes('-o controlmaster in ssh arguments'))).toHaveLength(1);
    } finally {
      await pool.closeAll();
    }
  });
});
