// remote_user and connection keywords against a host's own variables (which rank above them), as data.
import { describe, expect, it } from 'vitest';
import { keywordsFor } from '../../../engine/run/connections.js';

const keywords = { remoteUser: 'deploy', connection: 'local' } as const;

describe('keywordsFor', () => {
  it('lets the keywords decide where the host says nothing', () => {
    expect(keywordsFor('web1', { ansible_host: '10.0.0.5' }, keywords)).toEqual(keywords);
  });

  it('drops remote_user when the host names its user (ansible_user or ansible_ssh_user)', () => {
    expect(keywordsFor('web1', { ansible_user: 'root' }, keywords)).toEqual({ remoteUser: undefined, connection: 'local' });
    expect(keywordsFor('web1', { ansible_ssh_user: 'root' }, keywords).remoteUser).toBeUndefined();
  });

  it('drops connection when the host names one, and for localhost without an address (always local)', () => {
    expect(keywordsFor('web1', { ansible_connection: 'ssh' }, keywords)).toEqual({ remoteUser: 'deploy', connection: undefined });
    expect(keywordsFor('localhost', {}, { connection: 'ssh' }).connection).toBeUndefined();
    expect(keywordsFor('localhost', { ansible_host: '10.0.0.5' }, { connection: 'ssh' }).connection).toBe('ssh');
  });

  it('is empty without keywords', () => {
    expect(keywordsFor('web1', {}, {})).toEqual({ remoteUser: undefined, connection: undefined });
  });
});
