// -o options in ansible_ssh_common_args/extra_args, ssh_config resolution, and connectionSpecFor's precedence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import { becomeFromVars, connectionSpecFor, parseProxyJump, type SpecEnvironment } from '../../../engine/transport/connection-spec.js';
import { parseSshArgs, shellSplit } from '../../../engine/transport/ssh-args.js';
import { parseSshConfig, resolveSshConfig } from '../../../engine/transport/ssh-config.js';

describe('shellSplit (as shlex.split)', () => {
  it.each([
    ['-o A=1 -o B=2', ['-o', 'A=1', '-o', 'B=2']],
    [`-o 'UserKnownHostsFile=/a b/kh'`, ['-o', 'UserKnownHostsFile=/a b/kh']],
    [`-o "ProxyCommand=ssh -W %h:%p j"`, ['-o', 'ProxyCommand=ssh -W %h:%p j']],
    [`a\\ b "c\\"d" ''`, ['a b', 'c"d', '']],
  ])('%s', (text, want) => expect(shellSplit(text)).toEqual(want));
  it('rejects unbalanced quotes', () => expect(() => shellSplit(`-o 'x`)).toThrow(InputError));
});

describe('parseSshArgs', () => {
  const cases: { args: string[]; key: string; want: string[] | undefined }[] = [
    { args: ['-o UserKnownHostsFile=/x/kh -o StrictHostKeyChecking=yes'], key: 'userknownhostsfile', want: ['/x/kh'] },
    { args: ['-oStrictHostKeyChecking=accept-new'], key: 'stricthostkeychecking', want: ['accept-new'] },
    { args: ["-o 'ConnectTimeout 5'"], key: 'connecttimeout', want: ['5'] },
    { args: ['-o Port=2201', '-o Port=2202'], key: 'port', want: ['2201', '2202'] },
    { args: ['-p 2203 -l bob -i ~/.ssh/k -J jump'], key: 'proxyjump', want: ['jump'] },
    { args: ['-p2203'], key: 'port', want: ['2203'] },
    { args: ['-C -q -o ControlMaster=auto'], key: 'port', want: undefined },
    { args: [''], key: 'port', want: undefined },
  ];
  it.each(cases)('$args -> $key', ({ args, key, want }) => expect(parseSshArgs(...args).get(key)).toEqual(want));
  it('rejects -o without a value', () => expect(() => parseSshArgs('-o Port')).toThrow(InputError));
});

const CONFIG = `
# global first
User globaluser
Host web*  !web9
  HostName %h.example.test
  Port 2201
  IdentityFile ~/.ssh/web_key
Host web1
  Port 9999
  User webuser
  IdentityFile ~/.ssh/web1_key
Host jumpy
  HostName 10.0.0.9
  User jumper
  Port 2022
Host behind
  ProxyJump jumpy,admin@other:2200
Match host foo
  User matched
Host *
  Port 22
  ConnectTimeout 7
`;

describe('ssh_config resolution', () => {
  const cfg = parseSshConfig(CONFIG);
  const cases: { host: string; key: string; want: string[] | undefined }[] = [
    { host: 'web1', key: 'port', want: ['2201'] },
    { host: 'web1', key: 'user', want: ['globaluser'] },
    { host: 'web1', key: 'identityfile', want: ['~/.ssh/web_key', '~/.ssh/web1_key'] },
    { host: 'web9', key: 'port', want: ['22'] },
    { host: 'web9', key: 'hostname', want: undefined },
    { host: 'other', key: 'connecttimeout', want: ['7'] },
    { host: 'foo', key: 'user', want: ['globaluser'] },
  ];
  it.each(cases)('$host $key', ({ host, key, want }) => expect(resolveSshConfig([cfg], host).get(key)).toEqual(want));
  it('Include pulls in other files under the current Host', () => {
    const c = parseSshConfig('Host a\n  Include extra.conf\nHost *\n  User z', (p) => (p === 'extra.conf' ? ['Port 1234\n'] : []));
    expect(resolveSshConfig([c], 'a').get('port')).toEqual(['1234']);
    expect(resolveSshConfig([c], 'b').get('port')).toBeUndefined();
  });
});

describe('parseProxyJump', () => {
  it.each([
    ['j', [{ host: 'j' }]],
    ['u@j:2200,k', [{ user: 'u', host: 'j', port: 2200 }, { host: 'k' }]],
    ['[::1]:22', [{ host: '::1', port: 22 }]],
    ['none', []],
  ])('%s', (text, want) => expect(parseProxyJump(text)).toEqual(want));
});

describe('connectionSpecFor', () => {
  let home: string;
  let env: SpecEnvironment;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'kplay-home-'));
    writeFileSync(join(home, 'config'), CONFIG);
    env = { home, localUser: 'me', env: {}, sshConfigFiles: [join(home, 'config')] };
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('defaults: the inventory name, port 22, the local user, strict host keys, ~/.ssh/known_hosts', () => {
    const s = connectionSpecFor('plain', {}, {}, { ...env, sshConfigFiles: [] });
    expect(s).toMatchObject({ connection: 'ssh', address: 'plain', port: 22, user: 'me', hostKeyChecking: 'strict', connectTimeoutMs: 10_000 });
    expect(s.knownHostsFiles[0]).toBe(join(home, '.ssh/known_hosts'));
    expect(s.identityFiles).toEqual([]); // no default key exists in this home
  });
  it('ssh_config applies beneath everything else', () => {
    const s = connectionSpecFor('web1', {}, {}, env);
    expect(s).toMatchObject({ address: 'web1.example.test', port: 2201, user: 'globaluser', connectTimeoutMs: 7000 });
    expect(s.identityFiles).toEqual([join(home, '.ssh/web_key'), join(home, '.ssh/web1_key')]);
  });
  it('ansible_host is the name looked up in ssh_config', () => {
    expect(connectionSpecFor('alias', { ansible_host: 'web2' }, {}, env).address).toBe('web2.example.test');
  });
  it('variables beat the command line, which beats -o, which beats ssh_config', () => {
    const vars = { ansible_ssh_common_args: '-o Port=3000 -o User=ouser -o ConnectTimeout=3 -o IdentityFile=/o/key' };
    expect(connectionSpecFor('web1', vars, {}, env)).toMatchObject({ port: 3000, user: 'ouser', connectTimeoutMs: 3000 });
    expect(connectionSpecFor('web1', vars, {}, env).identityFiles[0]).toBe('/o/key');
    expect(connectionSpecFor('web1', vars, { user: 'cliuser', privateKey: '/cli/key', timeoutS: 4 }, env)).toMatchObject({
      user: 'cliuser',
      connectTimeoutMs: 4000,
      identityFiles: ['/cli/key', '/o/key', join(home, '.ssh/web_key'), join(home, '.ssh/web1_key')],
    });
    expect(
      connectionSpecFor('web1', { ...vars, ansible_port: '4000', ansible_user: 'varuser', ansible_ssh_private_key_file: '~/k' }, { user: 'cliuser' }, env),
    ).toMatchObject({ port: 4000, user: 'varuser' });
  });
  it('-c: the connection where ansible_connection names none; the implicit localhost stays local', () => {
    expect(connectionSpecFor('web1', {}, { connection: 'local' }, env).connection).toBe('local');
    expect(connectionSpecFor('web1', { ansible_connection: 'ssh' }, { connection: 'local' }, env).connection).toBe('ssh');
    expect(connectionSpecFor('localhost', {}, { connection: 'ssh' }, env).connection).toBe('local');
    expect(connectionSpecFor('web1', {}, {}, env).connection).toBe('ssh');
  });
  it('--ssh-common-args / --ssh-extra-args: for hosts without the variable, which replaces them (even empty)', () => {
    const cli = { sshCommonArgs: '-o Port=1 -o User=cu', sshExtraArgs: '-o Port=2 -o IdentityFile=/x/key' };
    const bare = { ...env, sshConfigFiles: [] };
    expect(connectionSpecFor('x', {}, cli, bare)).toMatchObject({ port: 1, user: 'cu', identityFiles: ['/x/key'] });
    expect(connectionSpecFor('x', { ansible_ssh_common_args: '-o Port=3' }, cli, bare)).toMatchObject({ port: 3, user: 'me', identityFiles: ['/x/key'] });
    expect(connectionSpecFor('x', { ansible_ssh_extra_args: '' }, cli, bare)).toMatchObject({ port: 1, identityFiles: [] });
  });
  it('the connect timeout: ansible_ssh_timeout, then -T, then ConnectTimeout in -o options, then ssh_config (as Ansible 2.14)', () => {
    const o = { ansible_ssh_common_args: '-o ConnectTimeout=3' };
    expect(connectionSpecFor('web1', {}, {}, env).connectTimeoutMs).toBe(7000); // ssh_config
    expect(connectionSpecFor('web1', o, {}, env).connectTimeoutMs).toBe(3000);
    expect(connectionSpecFor('web1', o, { timeoutS: 4 }, env).connectTimeoutMs).toBe(4000);
    expect(connectionSpecFor('web1', { ...o, ansible_ssh_timeout: 5 }, { timeoutS: 4 }, env).connectTimeoutMs).toBe(5000);
    expect(connectionSpecFor('web1', { ansible_ssh_timeout: '6' }, {}, env).connectTimeoutMs).toBe(6000);
    expect(() => connectionSpecFor('web1', { ansible_ssh_timeout: 'soon' }, {}, env)).toThrow(/ansible_ssh_timeout=soon: expected seconds/);
  });
  it('the port keyword: below ansible_port / ansible_ssh_port, above -o Port and ssh_config (as Ansible 2.14)', () => {
    const oPort = { ansible_ssh_common_args: '-o Port=3000' };
    expect(connectionSpecFor('web1', {}, { port: 2222 }, env).port).toBe(2222); // ssh_config says 2201
    expect(connectionSpecFor('web1', oPort, { port: 2222 }, env).port).toBe(2222);
    expect(connectionSpecFor('web1', { ...oPort, ansible_port: 4000 }, { port: 2222 }, env).port).toBe(4000);
    expect(connectionSpecFor('web1', { ansible_ssh_port: '4001' }, { port: 2222 }, env).port).toBe(4001);
    expect(connectionSpecFor('web1', oPort, {}, env).port).toBe(3000);
  });
  it('common args come before extra args (first value wins)', () => {
    const s = connectionSpecFor('x', { ansible_ssh_common_args: '-o Port=1', ansible_ssh_extra_args: '-o Port=2 -o StrictHostKeyChecking=no' }, {}, env);
    expect(s).toMatchObject({ port: 1, hostKeyChecking: 'off' });
  });
  it.each([
    [{ ansible_ssh_common_args: '-o StrictHostKeyChecking=accept-new' }, {}, 'accept-new'],
    [{ ansible_ssh_common_args: '-o StrictHostKeyChecking=yes' }, {}, 'strict'],
    [{ ansible_ssh_common_args: '-o StrictHostKeyChecking=no' }, {}, 'off'],
    [{ ansible_ssh_common_args: '-o StrictHostKeyChecking=yes' }, { ANSIBLE_HOST_KEY_CHECKING: 'False' }, 'off'],
    [{}, { ANSIBLE_HOST_KEY_CHECKING: 'True' }, 'strict'],
  ])('host key checking %j env %j -> %s', (vars, e, want) => {
    expect(connectionSpecFor('x', vars, {}, { ...env, env: e }).hostKeyChecking).toBe(want);
  });
  it('UserKnownHostsFile from -o, several files, ~ expanded', () => {
    const s = connectionSpecFor('x', { ansible_ssh_common_args: "-o 'UserKnownHostsFile=/lab/kh ~/kh2'" }, {}, env);
    expect(s.knownHostsFiles.slice(0, 2)).toEqual(['/lab/kh', join(home, 'kh2')]);
  });
  it('ProxyJump is resolved through ssh_config for the jump host', () => {
    const s = connectionSpecFor('behind', {}, {}, env);
    expect(s.proxyJump).toEqual([
      { address: '10.0.0.9', port: 2022, user: 'globaluser', identityFiles: [] }, // the User before any Host came first: it wins
      { address: 'other', port: 2200, user: 'admin', identityFiles: [] },
    ]);
  });
  it('local connection: explicit, and the implicit localhost', () => {
    expect(connectionSpecFor('localhost', {}, {}, env).connection).toBe('local');
    expect(connectionSpecFor('box', { ansible_connection: 'local' }, {}, env).connection).toBe('local');
    expect(connectionSpecFor('localhost', { ansible_host: '127.0.0.1' }, {}, env).connection).toBe('ssh');
    expect(() => connectionSpecFor('box', { ansible_connection: 'winrm' }, {}, env)).toThrow(InputError);
  });
  it('bad port and bad StrictHostKeyChecking are input errors', () => {
    expect(() => connectionSpecFor('x', { ansible_port: 'abc' }, {}, env)).toThrow(/not a port/);
    expect(() => connectionSpecFor('x', { ansible_ssh_common_args: '-o StrictHostKeyChecking=maybe' }, {}, env)).toThrow(InputError);
  });
  it('secrets stay Secrets: become password and key passphrase', () => {
    const s = connectionSpecFor('x', { ansible_become: 'yes', ansible_become_user: 'ops', ansible_become_password: 'pw1', ansible_ssh_private_key_passphrase: 'pp' }, {}, env);
    expect(s.become?.user).toBe('ops');
    expect(s.become?.password).toBeInstanceOf(Secret);
    expect(s.become?.password?.reveal()).toBe('pw1');
    expect(s.keyPassphrase?.reveal()).toBe('pp');
    expect(JSON.stringify(s)).not.toMatch(/pw1|"pp"/);
  });
  it('becomeFromVars', () => {
    expect(becomeFromVars({ ansible_become: false, ansible_become_user: 'x' })).toBeUndefined();
    expect(becomeFromVars({ ansible_become: true })).toEqual({ user: 'root', password: undefined });
  });
});

describe('the SSH trace for -vvv', () => {
  it('names exec requests without their command line', async () => {
    const { redactedTrace } = await import('../../../engine/transport/ssh-connect.js');
    const lines: string[] = [];
    const trace = redactedTrace((l) => lines.push(l));
    trace("Outbound: Sending CHANNEL_REQUEST (r:0, exec: sh -c 'echo S3cr3t')");
    trace('Outbound: Sending CHANNEL_REQUEST (r:3, exec: line one\nline two S3cr3t)');
    trace('Handshake: KEX algorithm: curve25519-sha256');
    expect(lines).toEqual([
      'Outbound: Sending CHANNEL_REQUEST (r:0, exec: <command hidden>)',
      'Outbound: Sending CHANNEL_REQUEST (r:3, exec: <command hidden>)',
      'Handshake: KEX algorithm: curve25519-sha256',
    ]);
  });
});
