// The process-group id a command prints first (split off its output) and the script that ends that group.
import { describe, expect, it } from 'vitest';
import { groupIdSplitter, groupKillScript } from '../../../engine/transport/ssh-transport.js';

describe('groupIdSplitter', () => {
  it('takes the id from the first line, even split across chunks, and passes the rest through untouched', () => {
    const s = groupIdSplitter();
    expect(s.feed(Buffer.from('12')).toString()).toBe('');
    expect(s.pgid).toBeUndefined();
    expect(s.feed(Buffer.from('34\nhello ')).toString()).toBe('hello ');
    expect(s.pgid).toBe(1234);
    expect(s.feed(Buffer.from('world\n')).toString()).toBe('world\n');
    expect(s.pgid).toBe(1234);
  });

  it('never takes 1, 0 or garbage (kill -- -1 would signal everything the user may)', () => {
    for (const head of ['1\n', '0\n', '-5\n', 'x\n', '\n']) {
      const s = groupIdSplitter();
      s.feed(Buffer.from(head));
      expect(s.pgid).toBeUndefined();
    }
  });
});

describe('groupKillScript', () => {
  it('TERMs the group, waits, then KILLs it, and always succeeds', () => {
    const script = groupKillScript(4321);
    expect(script).toMatch(/^kill -TERM -- -4321 /);
    expect(script).toContain('kill -0 -- -4321');
    expect(script).toMatch(/kill -KILL -- -4321 2>\/dev\/null; exit 0$/);
  });
});
