// For lab tests: a Node HTTP server on the lab bridge's controller address, serving a temp dir plus status, redirect, JSON and basic-auth routes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LabHttpServer {
  /** http://ADDRESS:PORT, as the lab hosts reach it */
  readonly base: string;
  /** the directory whose files /files/NAME serves */
  readonly dir: string;
  put(name: string, content: string | Buffer): void;
  stop(): Promise<void>;
}

export const AUTH = { user: 'fetcher', password: 'p@ss "word"' } as const;

/** The controller's address on the path to a lab host: the lab bridge's own address. */
export function controllerAddressFor(hostAddress: string): string {
  const out = execFileSync('ip', ['-o', 'route', 'get', hostAddress], { encoding: 'utf8' });
  const m = /\bsrc (\S+)/.exec(out);
  if (!m?.[1]) throw new Error(`no route to ${hostAddress}: ${out}`);
  return m[1];
}

function route(dir: string, req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://lab');
  const [, kind = '', arg = ''] = url.pathname.split('/');
  if (kind === 'files' && arg !== '' && !arg.includes('..')) {
    try {
      const data = readFileSync(join(dir, decodeURIComponent(arg)));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length }).end(data);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such file\n');
    }
  } else if (kind === 'status') {
    res.writeHead(Number(arg) || 500, { 'Content-Type': 'text/plain' }).end(`status ${arg}\n`);
  } else if (kind === 'redirect') {
    res.writeHead(302, { Location: `/files/${arg}` }).end();
  } else if (kind === 'json') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, method: req.method, body, header: req.headers['x-kplay'] ?? null }));
  } else if (kind === 'auth') {
    const want = `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString('base64')}`;
    if (req.headers.authorization !== want) res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="lab"', 'Content-Type': 'text/plain' }).end('denied\n');
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('secret\n');
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  }
}

/** Start the server bound to `address` (a lab bridge address, never a public one) on a free port. */
export async function startHttpServer(address: string): Promise<LabHttpServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-lab-http-'));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(dir, req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${address}:${port}`,
    dir,
    put: (name, content) => writeFileSync(join(dir, name), content),
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
