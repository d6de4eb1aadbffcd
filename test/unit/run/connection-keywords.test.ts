// remote_user, port and connection keywords against a host's own variables (which rank above them), as data.
import { describe, expect, it } from 'vitest';
import { ConnectionPool, keywordsFor } from '../../../engine/run/connections.js';
import { HostRun } from '../../../engine/run/host.js';

const keywords = { remoteUser: 'deploy', port: 2222, connection: 'local' } as const;

describe('keywordsFor', () => {
  it('lets the keywords decide where the host says nothing', () => {
    expect(keywordsFor('web1', { ansible_host: '10.0.0.5' }, keywords)).toEqual(keywords);
  });

  it('drops remote_user when the host names its user (ansible_user or ansible_ssh_user)', () => {
    expect(keywordsFor('web1', { ansible_user: 'root' }, keywords)).toEqual({ remoteUser: undefined, port: 2222, connection: 'local' });
    expect(keywordsFor('web1', { ansible_ssh_user: 'root' }, keywords).remoteUser).toBeUndefined();
  });

  it('drops connection when the host names one, and for localhost without an address (always local)', () => {
    expect(keywordsFor('web1', { ansible_connection: 'ssh' }, keywords)).toEqual({ remoteUser: 'deploy', port: 2222, connection: undefined });
    expect(keywordsFor('localhost', {}, { connection: 'ssh' }).connection).toBeUndefined();
    expect(keywordsFor('localhost', { ansible_host: '10.0.0.5' }, { connection: 'ssh' }).connection).toBe('ssh');
  });

  it('drops port when the host names its port (ansible_port or ansible_ssh_port), even 22', () => {
    expect(keywordsFor('web1', { ansible_port: 22 }, keywords)).toEqual({ remoteUser: 'deploy', port: undefined, connection: 'local' });
    expect(keywordsFor('web1', { ansible_ssh_port: '2200' }, keywords).port).toBeUndefined();
  });

  it('is empty without keywords', () => {
    expect(keywordsFor('web1', {}, {})).toEqual({ remoteUser: undefined, port: undefined, connection: undefined });
  });
});

describe('ConnectionPool', () => {
  it('keys a host’s connections by the keywords in effect: another port is another connection', async () => {
    const pool = new ConnectionPool({});
    const vars = { ansible_connection: 'local' };
    const host = new HostRun('h1', vars);
    try {
      const first = pool.connect(host, vars, { port: 2222 });
      expect(pool.connect(host, vars, { port: 2222 })).toBe(first);
      const other = pool.connect(host, vars, { port: 2200 });
      expect(other).not.toBe(first);
      await Promise.all([first, other]);
      expect(host.transports.size).toBe(2);
    } finally {
      await pool.closeAll();
    }
  });

  it('shares one connection when the host’s ansible_port decides for every keyword', () => {
    const pool = new ConnectionPool({});
    const vars = { ansible_connection: 'local', ansible_port: 22 };
    const host = new HostRun('h1', vars);
    expect(pool.connect(host, vars, { port: 2200 })).toBe(pool.connect(host, vars, { port: 2222 }));
    return pool.closeAll();
  });

  it('keys them by the connection variables too: a play that sets another ansible_port gets another connection', () => {
    const pool = new ConnectionPool({});
    const host = new HostRun('h1', { ansible_connection: 'local' });
    const first = pool.connect(host, { ansible_connection: 'local', ansible_port: 22 });
    expect(pool.connect(host, { ansible_connection: 'local', ansible_port: 22 })).toBe(first);
    expect(pool.connect(host, { ansible_connection: 'local', ansible_port: 2200 })).not.toBe(first);
    return pool.closeAll();
  });
});
