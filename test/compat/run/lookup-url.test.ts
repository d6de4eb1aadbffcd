// The url lookup against ansible-playbook 2.14's: both tools GET from one server on 127.0.0.1 (plain HTTP, and TLS
// with a self-signed certificate) through test/fixtures/runner/lookup_url.yml; the same task lines, debug messages,
// error messages, recap and exit code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';
import { runTool } from '../support/tool-run.js';

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');
const AUTH = `Basic ${Buffer.from('fetcher:p@ss word').toString('base64')}`;

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  const text = (status: number, body: string): void => void res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body);
  if (path === '/text') text(200, 'line one\r\nline two\n\nlast');
  else if (path === '/one') text(200, 'one\n');
  else if (path === '/redirect') res.writeHead(302, { Location: '/one' }).end();
  else if (path === '/loop') res.writeHead(301, { Location: '/loop' }).end();
  else if (path === '/headers') text(200, `agent=${req.headers['user-agent'] ?? ''}\nx-kplay=${String(req.headers['x-kplay'] ?? '')}\ncache=${req.headers['cache-control'] ?? ''}\n`);
  else if (path === '/auth') {
    if (req.headers.authorization === AUTH) text(200, 'secret\n');
    else res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="kplay"', 'Content-Type': 'text/plain' }).end('denied\n');
  } else text(404, 'not found\n');
}

const listen = (s: Server): Promise<number> => new Promise((ok) => s.listen(0, '127.0.0.1', () => ok((s.address() as AddressInfo).port)));

let plain: Server;
let tls: Server;
let dir: string;
const vars: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kplay-url-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  plain = createServer(route);
  tls = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, route);
  // a port that was listening and is closed again: nothing answers there
  const gone = createServer();
  const closed = await listen(gone);
  await new Promise((ok) => gone.close(ok));
  vars.push('-e', `base=http://127.0.0.1:${await listen(plain)}`, '-e', `tls=https://127.0.0.1:${await listen(tls)}`, '-e', `closed=http://127.0.0.1:${closed}`);
});

afterAll(async () => {
  await Promise.all([plain, tls].map((s) => new Promise((ok) => s.close(ok))));
  rmSync(dir, { recursive: true, force: true });
});

/** No proxy for either tool, whatever the machine's environment says. */
const ENV = { http_proxy: '', https_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '', no_proxy: '*', ANSIBLE_STDOUT_CALLBACK: 'default', ANSIBLE_DEPRECATION_WARNINGS: '0' };

/** Each task's result lines as `TASK name | status [item] msg`, the debug JSON kept whole (failures: their message). */
function results(out: string): string[] {
  const lines: string[] = [];
  let task = '';
  const text = out.split('\n');
  for (let i = 0; i < text.length; i++) {
    const line = text[i] ?? '';
    const head = /^TASK \[(.*)\] \*+$/.exec(line);
    if (head) task = head[1] ?? '';
    const st = /^(ok|fatal|failed): \[h1\](?: => \(item=(.*?)\))?(?: => |: FAILED! => )(.*)$/.exec(line);
    if (!st) continue;
    let body = st[3] ?? '';
    if (body === '{') while (i + 1 < text.length && text[i] !== '}') body += text[++i] ?? '';
    const v = JSON.parse(body) as { msg?: unknown };
    // kplay prefixes a failed template with where it is; Ansible's text is the part after `lookup('url'): `
    const msg = typeof v.msg === 'string' ? v.msg.replace(/^.*lookup\('url'\): /s, '') : v.msg;
    lines.push(`${task} | ${st[1] === 'ok' ? 'ok' : 'failed'}${st[2] !== undefined ? ` (item=${st[2]})` : ''} ${JSON.stringify(msg)}`);
  }
  return lines;
}

/** Ansible's message for a lookup's own failure: the plugin's text (AnsibleError: "..., original message: X"). */
const ansibleText = (line: string): string => line.replace(/An unhandled exception occurred while running the lookup plugin 'url'\. Error was a <class '[^']+'>, original message: (.*)\. \1/, '$1');

describe('the url lookup behaves like ansible-playbook', () => {
  it('lookup_url.yml: values, errors, recap', async () => {
    const args = ['-i', join(FIXTURES, 'inventory.ini'), ...vars, join(FIXTURES, 'lookup_url.yml')];
    const [a, k] = await Promise.all([runTool(['ansible-playbook', ...args], ENV), runTool(['node', resolve(ROOT, 'bin', 'kplay.js'), 'run', '--no-live', ...args], ENV)]);
    const want = results(a.stdout).map(ansibleText);
    expect(want.length, a.stdout).toBe(19);
    const got = results(k.stdout);
    // a certificate error: Python's OpenSSL and node's word the reason differently ("self-signed certificate (_ssl.c:992)")
    const cert = (l: string): string => l.replace(/certificate verify failed: [^>]*>/, 'certificate verify failed: ...>');
    expect(got.map(cert)).toEqual(want.map(cert));
    expect(got.some((l) => l.includes('CERTIFICATE_VERIFY_FAILED'))).toBe(true);
    expect(k.code, 'exit code').toBe(a.code);
    const recap = (out: string): string => /^h1 +:.*$/m.exec(out)?.[0].replace(/\s+/g, ' ') ?? 'no recap';
    expect(recap(k.stdout)).toBe(recap(a.stdout));
  }, 200_000);
});
