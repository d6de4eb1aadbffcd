// Password login against ssh2's own server, in this process: the order methods are offered in (keys, password,
// keyboard-interactive), what a server that lists fewer methods is sent, and that the password shows nowhere
// (errors, traces, specs as JSON or inspected) but in the one answer meant for it.
import { ed25519PrivateKey } from '../../support/ssh-key.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import ssh2 from 'ssh2';
import type { AuthContext, AuthenticationType, Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import { connectionSpecFor } from '../../../engine/transport/connection-spec.js';
import { connectSsh, redactedTrace, type SshTarget } from '../../../engine/transport/ssh-connect.js';
import { passwordPrompter } from '../../../engine/transport/ssh-auth.js';
import { localTarget, loginError } from './support/local-target.js';

const PASSWORD = 'pw-Zq81-never-shown';
const dir = mkdtempSync(join(tmpdir(), 'kplay-password-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// a key the server does not know: offered first, refused
const keyFile = join(dir, 'id_ed25519');
writeFileSync(keyFile, ed25519PrivateKey(), { mode: 0o600 });

interface Attempt {
  readonly method: string;
  /** the password of a password attempt, the answers of a keyboard-interactive one */
  readonly said?: readonly string[];
}

interface Server {
  readonly port: number;
  readonly attempts: Attempt[];
  readonly close: () => Promise<void>;
}

/** A server that takes `allowed` methods and logs in whoever says `password`; kbd-int asks `prompts`. */
function passwordServer(allowed: AuthenticationType[], prompts: { prompt: string; echo: boolean }[] = [{ prompt: 'Password: ', echo: false }]): Promise<Server> {
  const hostKey = ed25519PrivateKey();
  const attempts: Attempt[] = [];
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (conn: Connection) => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx: AuthContext) => {
      if (ctx.method === 'password') {
        attempts.push({ method: ctx.method, said: [ctx.password] });
        return allowed.includes('password') && ctx.password === PASSWORD ? ctx.accept() : ctx.reject(allowed);
      }
      if (ctx.method === 'keyboard-interactive' && allowed.includes('keyboard-interactive')) {
        ctx.prompt(prompts, (answers) => {
          attempts.push({ method: ctx.method, said: answers });
          if (prompts.length === 1 && answers[0] === PASSWORD) ctx.accept();
          else ctx.reject(allowed);
        });
        return;
      }
      attempts.push({ method: ctx.method });
      ctx.reject(allowed);
    });
    conn.on('ready', () => conn.end());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, attempts, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

function target(port: number, password: string | undefined, debug?: (line: string) => void): SshTarget {
  return localTarget('pw', port, keyFile, { password: password === undefined ? undefined : new Secret(password), debug });
}


/** Every text an error shows: message, hint, JSON and inspect. */
function shown(e: UnreachableError): string {
  return [e.message, e.hint ?? '', JSON.stringify(e), inspect(e)].join('\n');
}

describe('password login', () => {
  it('offers the key first, then the password, and logs in with it', async () => {
    const server = await passwordServer(['publickey', 'password', 'keyboard-interactive']);
    try {
      const client = await connectSsh(target(server.port, PASSWORD));
      client.end();
      expect(server.attempts.map((a) => a.method)).toEqual(['publickey', 'password']);
    } finally {
      await server.close();
    }
  });

  it('skips an ssh-agent whose socket is dead (a stale SSH_AUTH_SOCK), and goes on to the key and the password', async () => {
    const server = await passwordServer(['publickey', 'password']);
    try {
      const deadAgent = { identitiesOnly: false, agentSocket: join(dir, 'no-agent.sock') };
      const client = await connectSsh({ ...target(server.port, PASSWORD), ...deadAgent });
      client.end();
      expect(server.attempts.map((a) => a.method)).toEqual(['publickey', 'password']);
      // and when nothing works, the failure says what was wrong with the agent
      const e = await loginError({ ...target(server.port, 'wrong'), ...deadAgent });
      expect(e.message).toMatch(/authentication failed .*ssh-agent at .*no-agent\.sock: Failed to connect to agent/);
    } finally {
      await server.close();
    }
  });

  it('answers keyboard-interactive\'s one hidden prompt when the server takes no password method', async () => {
    const server = await passwordServer(['publickey', 'keyboard-interactive']);
    try {
      const client = await connectSsh(target(server.port, PASSWORD));
      client.end();
      // the password method is skipped: the server's list after the key's refusal does not name it
      expect(server.attempts).toEqual([{ method: 'publickey' }, { method: 'keyboard-interactive', said: [PASSWORD] }]);
    } finally {
      await server.close();
    }
  });

  it('never types the password into several prompts or an echoed one', async () => {
    for (const prompts of [
      [{ prompt: 'Verification code: ', echo: true }],
      [
        { prompt: 'Password: ', echo: false },
        { prompt: 'Code: ', echo: false },
      ],
    ]) {
      const server = await passwordServer(['keyboard-interactive'], prompts);
      try {
        const e = await loginError(target(server.port, PASSWORD));
        expect(e.message).toContain('keyboard-interactive');
        expect(server.attempts.flatMap((a) => a.said ?? [])).not.toContain(PASSWORD);
      } finally {
        await server.close();
      }
    }
  });

  it('answers the password once per login attempt, never to a second round', () => {
    const answers: string[][] = [];
    const prompt = passwordPrompter(new Secret(PASSWORD));
    const hidden = [{ prompt: 'Password: ', echo: false }];
    prompt('', '', '', hidden, (a) => answers.push(a));
    prompt('', '', '', hidden, (a) => answers.push(a));
    expect(answers).toEqual([[PASSWORD], ['']]);
  });

  it('a wrong password: unreachable, naming the methods tried and the server\'s, never the password', async () => {
    const server = await passwordServer(['publickey', 'password', 'keyboard-interactive']);
    const trace: string[] = [];
    try {
      const e = await loginError(target(server.port, 'wrong-Pw-77', (l) => trace.push(l)));
      expect(e.message).toMatch(/authentication failed for u@127\.0\.0\.1:\d+ \(tried key, password, keyboard-interactive; the server takes publickey, password, keyboard-interactive\)/);
      expect(e.hint).toMatch(/ansible_password/);
      expect(shown(e)).not.toContain('wrong-Pw-77');
      expect(trace.length).toBeGreaterThan(5);
      expect(trace.join('\n')).not.toContain('wrong-Pw-77');
    } finally {
      await server.close();
    }
  });

  it('without a password, a server that takes only passwords is never sent one, and the message says what it takes', async () => {
    const server = await passwordServer(['password']);
    try {
      const e = await loginError(target(server.port, undefined));
      expect(e.message).toContain('(tried key; the server takes password)');
      expect(e.hint).toMatch(/-k/);
      expect(server.attempts.map((a) => a.method)).toEqual(['publickey']);
    } finally {
      await server.close();
    }
  });

  it('with no key, asks the server what it takes before sending the password: none to a keyboard-interactive-only server', async () => {
    const server = await passwordServer(['keyboard-interactive']);
    try {
      const client = await connectSsh({ ...target(server.port, PASSWORD), identityFiles: [] });
      client.end();
      expect(server.attempts).toEqual([{ method: 'none' }, { method: 'keyboard-interactive', said: [PASSWORD] }]);
    } finally {
      await server.close();
    }
  });

  it('a successful login\'s -vvv trace does not hold the password', async () => {
    const server = await passwordServer(['password']);
    const trace: string[] = [];
    try {
      const client = await connectSsh(target(server.port, PASSWORD, (l) => trace.push(l)));
      client.end();
      expect(trace.some((l) => /USERAUTH_REQUEST \(password\)/.test(l))).toBe(true);
      expect(trace.join('\n')).not.toContain(PASSWORD);
    } finally {
      await server.close();
    }
  });

  it('the trace masks the password should a line ever carry it', () => {
    const lines: string[] = [];
    redactedTrace((l) => lines.push(l), [new Secret(PASSWORD)])(`odd line ${PASSWORD} end`);
    expect(lines).toEqual(['odd line ******** end']);
  });
});

describe('the password in the connection spec', () => {
  const environment = { home: dir, localUser: 'me', env: {}, sshConfigFiles: [] };

  it('ansible_password, then ansible_ssh_pass, then ansible_ssh_password, then -k', () => {
    const cli = { password: new Secret('from-k') };
    const of = (vars: Record<string, unknown>): string | undefined => connectionSpecFor('h', vars, cli, environment).password?.reveal();
    expect(of({ ansible_password: 'a', ansible_ssh_pass: 'b', ansible_ssh_password: 'c' })).toBe('a');
    expect(of({ ansible_ssh_pass: 'b', ansible_ssh_password: 'c' })).toBe('b');
    expect(of({ ansible_ssh_password: 'c' })).toBe('c');
    expect(of({})).toBe('from-k');
    expect(connectionSpecFor('h', {}, {}, environment).password).toBeUndefined();
  });

  it('is a Secret: a spec as JSON or inspected does not show it', () => {
    const spec = connectionSpecFor('h', { ansible_password: PASSWORD }, {}, environment);
    expect(spec.password).toBeInstanceOf(Secret);
    expect(JSON.stringify(spec)).not.toContain(PASSWORD);
    expect(inspect(spec, { depth: 5 })).not.toContain(PASSWORD);
  });
});
