// One HTTP(S) GET from the controller, synchronously: a child node process (execFileSync) runs a small script with
// node:http/https and answers in JSON. The request (URL, headers, TLS and proxy settings) goes to it as JSON on
// stdin, never through a shell or its command line. The body is capped (MAX_BODY) and the child has a hard time
// limit beyond the socket timeout. Redirects and authentication are the caller's (lookup-url.ts): one hop here.
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';

export const MAX_BODY = 64 * 1024 * 1024;

export interface OneRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly rejectUnauthorized: boolean;
  /** PEM text of the CA bundle to trust instead of the system's */
  readonly ca?: string | undefined;
  /** the proxy's URL (http://[user:pass@]host:port) */
  readonly proxy?: string | undefined;
}

export type OneResponse =
  | { readonly kind: 'response'; readonly status: number; readonly reason: string; readonly location?: string; readonly authenticate?: string; readonly body: Buffer }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

const SCRIPT = `
const http = require('node:http'), https = require('node:https'), tls = require('node:tls');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const q = JSON.parse(input);
  let answered = false;
  const done = (o) => { if (answered) return; answered = true; process.stdout.write(JSON.stringify(o), () => process.exit(0)); };
  const fail = (e) => done({ error: { code: String((e && e.code) || ''), message: String((e && e.message) || e) } });
  const u = new URL(q.url);
  const secure = u.protocol === 'https:';
  const tlsOpts = { rejectUnauthorized: q.rejectUnauthorized, servername: u.hostname.replace(/^\\[|\\]$/g, ''), ...(q.ca !== undefined ? { ca: q.ca } : {}) };
  const p = q.proxy !== undefined ? new URL(q.proxy) : undefined;
  const proxyAuth = p && p.username !== '' ? { 'Proxy-Authorization': 'Basic ' + Buffer.from(decodeURIComponent(p.username) + ':' + decodeURIComponent(p.password)).toString('base64') } : {};
  const timedOut = (r) => r.on('timeout', () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
  const send = (tunnel) => {
    const opts = { method: 'GET', hostname: u.hostname.replace(/^\\[|\\]$/g, ''), port: u.port || (secure ? 443 : 80), path: u.pathname + u.search,
      headers: q.headers, timeout: q.timeoutMs, agent: false, ...(secure ? tlsOpts : {}) };
    if (tunnel) opts.createConnection = () => tunnel;
    else if (p) Object.assign(opts, { hostname: p.hostname, port: p.port || 80, path: q.url, headers: { ...q.headers, Host: u.host, ...proxyAuth } });
    const r = (secure && !tunnel ? https : http).request(opts, (res) => {
      const chunks = [];
      let n = 0;
      res.on('data', (c) => { n += c.length; if (n > q.maxBytes) { fail({ code: 'ETOOLARGE', message: 'the response is larger than ' + q.maxBytes + ' bytes' }); res.destroy(); } else chunks.push(c); });
      res.on('end', () => done({ status: res.statusCode, reason: res.statusMessage, location: res.headers.location, authenticate: res.headers['www-authenticate'],
        encoding: res.headers['content-encoding'], body: Buffer.concat(chunks).toString('base64') }));
      res.on('error', fail);
    });
    timedOut(r);
    r.on('error', fail);
    r.end();
  };
  if (p && secure) {
    const c = http.request({ method: 'CONNECT', hostname: p.hostname, port: p.port || 80, path: u.hostname + ':' + (u.port || 443), headers: proxyAuth, timeout: q.timeoutMs, agent: false });
    c.on('connect', (res, sock) => {
      if (res.statusCode !== 200) return fail({ code: 'ETUNNEL', message: 'Tunnel connection failed: ' + res.statusCode + ' ' + res.statusMessage });
      const t = tls.connect({ socket: sock, ...tlsOpts });
      t.on('error', fail);
      t.on('secureConnect', () => send(t));
    });
    timedOut(c);
    c.on('error', fail);
    c.end();
  } else send();
});
`;

interface ChildAnswer {
  readonly status?: number;
  readonly reason?: string;
  readonly location?: string;
  readonly authenticate?: string;
  readonly encoding?: string;
  readonly body?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** The request made; a failure to connect, a TLS failure, a timeout or a too large body is an `error` answer. */
export function requestOnce(req: OneRequest): OneResponse {
  let out: string;
  try {
    out = execFileSync(process.execPath, ['-e', SCRIPT], {
      input: JSON.stringify({ ...req, maxBytes: MAX_BODY }),
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      // base64 of the largest body, and the JSON around it
      maxBuffer: Math.ceil((MAX_BODY * 4) / 3) + 1024 * 1024,
      // the socket timeout is per read; this bounds a server that trickles bytes
      timeout: req.timeoutMs + 60_000,
      killSignal: 'SIGKILL',
    });
  } catch (err) {
    const e = err as { code?: string; signal?: string | null; message?: string };
    if (e.signal === 'SIGKILL' || e.code === 'ETIMEDOUT') return { kind: 'error', code: 'ETIMEDOUT', message: 'timed out' };
    return { kind: 'error', code: 'ECHILD', message: `the request could not be made: ${e.message ?? String(err)}` };
  }
  const a = JSON.parse(out) as ChildAnswer;
  if (a.error !== undefined) return { kind: 'error', ...a.error };
  let body = Buffer.from(a.body ?? '', 'base64');
  // Ansible's open_url decompresses gzip (decompress=True); the request asks for identity, as urllib does
  if (a.encoding?.toLowerCase() === 'gzip') {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_BODY });
    } catch (err) {
      return { kind: 'error', code: 'EGZIP', message: `the gzip body could not be read: ${(err as Error).message}` };
    }
  }
  return {
    kind: 'response',
    status: a.status ?? 0,
    reason: a.reason ?? '',
    body,
    ...(a.location !== undefined ? { location: a.location } : {}),
    ...(a.authenticate !== undefined ? { authenticate: a.authenticate } : {}),
  };
}
