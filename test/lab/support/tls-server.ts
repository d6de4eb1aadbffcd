// For lab tests: a throwaway CA with a server and a client certificate (openssl, in a temp dir), and a Node HTTPS server
// on the lab bridge's controller address that requires the client certificate (mutual TLS, as etcd's client port).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM texts: the CA, a second CA that signed nothing here, and the server's and client's certificates and keys. */
export interface TlsFiles {
  readonly dir: string;
  readonly ca: string;
  readonly otherCa: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(dir: string, name: string): void {
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', name]);
}

function selfSigned(dir: string, name: string): void {
  newKey(dir, `${name}.key`);
  openssl(dir, ['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

function signed(dir: string, name: string, ext: string): void {
  newKey(dir, `${name}.key`);
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`]);
}

/** A throwaway CA, a server certificate for `address` (an IP) and a client certificate, made with openssl. */
export function makeTlsFiles(address: string): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-lab-tls-'));
  selfSigned(dir, 'ca');
  selfSigned(dir, 'other-ca');
  signed(dir, 'server', `subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\n`);
  signed(dir, 'client', 'extendedKeyUsage=clientAuth\n');
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return { dir, ca: read('ca.pem'), otherCa: read('other-ca.pem'), serverCert: read('server.pem'), serverKey: read('server.key'), clientCert: read('client.pem'), clientKey: read('client.key') };
}

export interface LabTlsServer {
  /** https://ADDRESS:PORT, as the lab hosts reach it */
  readonly base: string;
  stop(): Promise<void>;
}

/**
 * Start an HTTPS server on `address` (a lab bridge address) that asks for a client certificate signed by the CA and
 * refuses the handshake without one. /health answers etcd's JSON, /files/NAME the text of `files[NAME]`.
 */
export async function startTlsServer(address: string, tls: TlsFiles, files: Readonly<Record<string, string>>): Promise<LabTlsServer> {
  const server: Server = createServer({ key: tls.serverKey, cert: tls.serverCert, ca: tls.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://lab').pathname;
    const name = path.startsWith('/files/') ? path.slice('/files/'.length) : undefined;
    const file = name === undefined ? undefined : files[name];
    if (path === '/health') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ health: 'true', reason: '', agent: req.headers['user-agent'] ?? null }));
    else if (file !== undefined) res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': Buffer.byteLength(file) }).end(file);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  // a refused handshake is the point of some tests, not an error of the server
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `https://${address}:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(tls.dir, { recursive: true, force: true });
    },
  };
}
