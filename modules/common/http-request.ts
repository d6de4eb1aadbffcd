// An HTTP request made ON THE HOST by python3's urllib, all of its data (URL, headers, credentials, body) as JSON on stdin.
import { Type } from '@sinclair/typebox';
import { sh } from '../../engine/core/quote.js';

const names = (description: string) => Type.Union([Type.Array(Type.String()), Type.String()], { description: `${description} (a list, or names separated by commas).` });

/** The parameters of Ansible's url_argument_spec and of both uri and get_url that go into the request as they are. */
export const tlsParams = {
  client_cert: Type.Optional(Type.String({ description: 'A PEM file on the host with the client certificate (chain) for TLS client authentication; it may hold the key too.' })),
  client_key: Type.Optional(Type.String({ description: 'A PEM file on the host with the private key of client_cert (not needed when client_cert holds it).' })),
  http_agent: Type.String({ description: 'The User-Agent header (a User-Agent in headers replaces it).', default: 'ansible-httpget' }),
  use_proxy: Type.Boolean({ description: "false: ignore the host environment's proxy settings (http_proxy, https_proxy).", default: true }),
  unredirected_headers: Type.Optional(names('Headers (from headers) not sent again after a redirect')),
  decompress: Type.Boolean({ description: 'Unpack a gzip-encoded (Content-Encoding: gzip) response.', default: true }),
  ciphers: Type.Optional(names('The OpenSSL cipher names the TLS connection may use')),
  use_netrc: Type.Boolean({ description: 'Without url_username: use the credentials ~/.netrc (or $NETRC) on the host holds for the server.', default: true }),
};

interface TlsParamValues {
  readonly client_cert?: string | undefined;
  readonly client_key?: string | undefined;
  readonly http_agent: string;
  readonly use_proxy: boolean;
  readonly unredirected_headers?: string | readonly string[] | undefined;
  readonly decompress: boolean;
  readonly ciphers?: string | readonly string[] | undefined;
  readonly use_netrc: boolean;
}

/** Ansible's list type: a text is split at commas. */
function nameList(v: string | readonly string[] | undefined): readonly string[] | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter((x) => x !== '') : v;
}

/** The request fields of tlsParams. */
export function requestOptions(p: TlsParamValues): Partial<HttpRequest> {
  return {
    clientCert: p.client_cert,
    clientKey: p.client_key,
    agent: p.http_agent,
    useProxy: p.use_proxy,
    unredirectedHeaders: nameList(p.unredirected_headers),
    decompress: p.decompress,
    ciphers: nameList(p.ciphers),
    useNetrc: p.use_netrc,
  };
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: string | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly body?: string | undefined;
  /** a body of bytes (uri's src from the controller), sent instead of body */
  readonly bodyBytes?: Buffer | undefined;
  /** a file on the host whose bytes are the body (uri's src with remote_src), sent instead of body */
  readonly bodyFile?: string | undefined;
  /** follow redirects (curl --location) */
  readonly follow: boolean;
  readonly timeout: number;
  readonly validateCerts: boolean;
  /** Ansible's http_agent: the User-agent header, set before the request's own headers (which may replace it) */
  readonly agent?: string | undefined;
  /** use_proxy false: no proxy from the host's environment */
  readonly useProxy?: boolean | undefined;
  /** force: `cache-control: no-cache` */
  readonly noCache?: boolean | undefined;
  /** client_cert / client_key: PEM files on the host, loaded into the TLS context (load_cert_chain) */
  readonly clientCert?: string | undefined;
  readonly clientKey?: string | undefined;
  /** ca_path: the CA bundle on the host that verifies the server (instead of the system's) */
  readonly caPath?: string | undefined;
  /** ciphers: OpenSSL cipher names, joined with ':' */
  readonly ciphers?: readonly string[] | undefined;
  /** unredirected_headers: header names (any case) not sent again after a redirect */
  readonly unredirectedHeaders?: readonly string[] | undefined;
  /** decompress: a gzip Content-Encoding response is unpacked (Ansible's default) */
  readonly decompress?: boolean | undefined;
  /** use_netrc: credentials from ~/.netrc (or $NETRC) when no user is given (Ansible's default) */
  readonly useNetrc?: boolean | undefined;
  /** unix_socket: a socket file on the host to connect through */
  readonly unixSocket?: string | undefined;
}

/** Why a request cannot be sent as asked (a header that would split into two, a NUL), or undefined. */
export function requestProblem(req: HttpRequest): string | undefined {
  if (!/^(https?|ftp|file):\/\//i.test(req.url)) return `unsupported URL scheme in ${req.url} (http, https, ftp or file)`;
  const agent = req.agent === undefined ? {} : { 'User-agent': req.agent };
  for (const [name, value] of Object.entries({ ...agent, ...(req.headers ?? {}) })) {
    const text = headerText(value);
    if (/[\r\n\0:]/.test(name) || /[\r\n\0]/.test(text)) return `header ${JSON.stringify(name)} holds a line break, NUL or colon in its name or a line break in its value`;
  }
  for (const [what, path] of [['client_cert', req.clientCert], ['client_key', req.clientKey], ['ca_path', req.caPath], ['unix_socket', req.unixSocket], ['src', req.bodyFile]] as const) {
    if (path?.includes('\0') === true) return `${what} holds a NUL`;
  }
  return undefined;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The request as JSON, the stdin of the fetcher: nothing of the request ever reaches the command line. */
export function requestInput(req: HttpRequest): string {
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, headerText(v)]));
  const base = { url: req.url, method: req.method ?? null, headers, user: req.username ?? null, password: req.password ?? '', body: req.body ?? null, follow: req.follow, timeout: req.timeout, validate: req.validateCerts };
  // the options only uri and get_url give, present when given (the fetcher's defaults are urllib's own)
  const options = {
    agent: req.agent,
    proxy: req.useProxy,
    nocache: req.noCache,
    cert: req.clientCert,
    key: req.clientKey,
    ca: req.caPath,
    ciphers: req.ciphers,
    unredirected: req.unredirectedHeaders,
    decompress: req.decompress,
    netrc: req.useNetrc,
    socket: req.unixSocket,
    body64: req.bodyBytes?.toString('base64'),
    bodyfile: req.bodyFile,
  };
  return JSON.stringify({ ...base, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) });
}

// python3 on the host (EL8 and Debian lab hosts have it, not always curl): body to $d/body, the status line and
// headers to $d/head, "CODE SIZE REDIRECTED URL" to $d/w; prints rc/http/err lines, and on a failure `msg` with
// the words of Ansible's fetch_url for it (`fatal 1` when fetch_url fails the module itself: a ValueError).
// The TLS context is made as Ansible's open_url makes it: create_default_context(cafile=ca_path), unverified
// for validate false, the ciphers set, and the client certificate loaded when the connection is made.
const FETCHER = `import sys, os, json, ssl, socket, base64, gzip, netrc, http.client, urllib.request, urllib.error
r = json.load(sys.stdin); d = sys.argv[1]
path = lambda p: None if p is None else os.path.expanduser(os.path.expandvars(p))
cert, key, ca, sock = path(r.get('cert')), path(r.get('key')), path(r.get('ca')), path(r.get('socket'))
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
def unix_connect(c):
    c.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try: c.sock.connect(sock)
    except OSError as e: raise OSError('Invalid Socket File (%s): %s' % (sock, e))
    if c.timeout is not socket._GLOBAL_DEFAULT_TIMEOUT: c.sock.settimeout(c.timeout)
class UnixHTTP(http.client.HTTPConnection):
    def connect(self): unix_connect(self)
class UnixHTTPS(http.client.HTTPSConnection):
    def connect(self):
        unix_connect(self); self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)
class UnixHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req): return self.do_open(UnixHTTP, req)
class ClientAuth(urllib.request.HTTPSHandler):
    def https_open(self, req): return self.do_open(self.connection, req)
    def connection(self, host, **kw):
        if cert or key: self._context.load_cert_chain(cert, key)
        return (UnixHTTPS if sock else http.client.HTTPSConnection)(host, context=self._context, **kw)
def opener():
    handlers = [] if r['follow'] else [NoRedirect()]
    if sock: handlers.append(UnixHTTPHandler())
    if not r.get('proxy', True): handlers.append(urllib.request.ProxyHandler({}))
    if ca: open(ca, 'rb').close()
    ctx = ssl.create_default_context(cafile=ca)
    if not r['validate']:
        ctx.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3; ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
    if r.get('ciphers'): ctx.set_ciphers(':'.join(r['ciphers']))
    handlers.append(ClientAuth(context=ctx))
    return urllib.request.build_opener(*handlers)
def send():
    o = opener()
    body = None if r['body'] is None else r['body'].encode('utf-8')
    if r.get('body64') is not None: body = base64.b64decode(r['body64'])
    if r.get('bodyfile') is not None:
        try:
            with open(r['bodyfile'], 'rb') as f: body = f.read()
        except OSError as e: failed(e, 'Unable to open source file %s' % r['bodyfile'], True)
    q = urllib.request.Request(r['url'], data=body, method=r['method'])
    if r.get('agent'): q.add_header('User-agent', r['agent'])
    if r.get('nocache'): q.add_header('cache-control', 'no-cache')
    unredirected = [h.lower() for h in r.get('unredirected') or []]
    for k, v in r['headers'].items():
        if k.lower() in unredirected: q.add_unredirected_header(k, v)
        else: q.add_header(k, v)
    if r['user'] is not None: q.add_header('Authorization', 'Basic ' + base64.b64encode((r['user'] + ':' + r['password']).encode('utf-8')).decode('ascii'))
    elif r.get('netrc') and not r['url'].lower().startswith('ftp:'):
        try: login = netrc.netrc(os.environ.get('NETRC')).authenticators(urllib.request.urlparse(r['url']).hostname)
        except IOError: login = None
        if login and login[0] and login[2]: q.add_header('Authorization', 'Basic ' + base64.b64encode((login[0] + ':' + login[2]).encode('utf-8')).decode('ascii'))
    return o.open(q, timeout=r['timeout'])
def failed(e, msg, fatal=False):
    print('rc 1'); print('http 0 0 0 ' + r['url']); print('err ' + str(getattr(e, 'reason', e)).replace('\\n', ' '))
    print('msg ' + msg.replace('\\n', ' '))
    if fatal: print('fatal 1')
    sys.exit(0)
try:
    resp = send(); code = resp.status
except urllib.error.HTTPError as e:
    resp = e; code = e.code
except ValueError as e: failed(e, str(e), True)
except urllib.error.URLError as e: failed(e, 'Request failed: %s' % e)
except OSError as e: failed(e, 'Connection failure: %s' % e)
except http.client.BadStatusLine as e: failed(e, 'Connection failure: connection was closed before a valid response was received: %s' % e.line)
except Exception as e: failed(e, 'An unknown error occurred: %s' % e)
try:
    data = resp.read()
except Exception as e:
    data = b''
if r.get('decompress') and (resp.headers.get('content-encoding') or '').lower() == 'gzip':
    try: data = gzip.decompress(data)
    except Exception as e: failed(e, 'An unknown error occurred: %s' % e)
url = resp.geturl() or r['url']
open(d + '/body', 'wb').write(data)
open(d + '/head', 'w').write('HTTP/1.1 %d %s\\r\\n%s' % (code, resp.reason or '', str(resp.headers)))
w = '%d %d %d %s' % (code, len(data), 0 if url == r['url'] else 1, url)
open(d + '/w', 'w').write(w + '\\n')
print('rc 0'); print('http ' + w)
`;

/**
 * Shell that runs the request (JSON on stdin) into the temp dir "$d" (body in $d/body, headers in $d/head) and
 * prints `rc N`, then `http CODE SIZE REDIRECTED URL`, then `err ...` when it failed.
 */
export const HTTP_RUN = [
  `command -v python3 >/dev/null 2>&1 || { echo 'rc 127'; echo 'err python3 is not installed on the host'; exit 0; }`,
  `d=$(mktemp -d) || exit 1`,
  `trap 'rm -rf "$d"' EXIT`,
  `python3 -c ${sh`${FETCHER}`} "$d" || exit 1`,
  `rc=0; [ -s "$d/w" ] || rc=1`,
].join('\n');

/**
 * HTTP_RUN and then `after` (shell reading "$d"), for a probe, which has no stdin of its own: the request (JSON, one
 * line) reaches the fetcher through a quoted here-document in the script, never as shell code.
 */
export function httpRunInline(req: HttpRequest, after: readonly string[]): string {
  return ['{', HTTP_RUN, ...after, "} <<'KPLAY_REQUEST'", requestInput(req), 'KPLAY_REQUEST'].join('\n');
}

/** The GET Ansible's fetch_url makes for a module (unarchive, rpm_key, apt_key): its User-Agent, redirects followed, 10 s. */
export function ansibleGet(url: string, validateCerts: boolean): HttpRequest {
  return { url, headers: { 'User-Agent': 'ansible-httpget' }, follow: true, timeout: 10, validateCerts };
}

export interface CurlResult {
  readonly rc: number;
  readonly status: number;
  readonly size: number;
  readonly redirects: number;
  readonly url: string;
  readonly error: string;
  /** other lines, by their first word: what the module's own script printed */
  readonly lines: ReadonlyMap<string, string>;
}

/** Parse what HTTP_RUN (and the module's script after it, `word rest` lines) printed. */
export function parseCurl(stdout: string): CurlResult {
  const lines = new Map<string, string>();
  const errors: string[] = [];
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(' ');
    const key = at < 0 ? line : line.slice(0, at);
    const rest = at < 0 ? '' : line.slice(at + 1);
    if (key === 'err') errors.push(rest);
    else if (key !== '' && !lines.has(key)) lines.set(key, rest);
  }
  const [code = '0', size = '0', redirects = '0', ...url] = (lines.get('http') ?? '').split(' ');
  return {
    rc: Number(lines.get('rc') ?? '1'),
    status: Number(code),
    size: Number(size),
    redirects: Number(redirects),
    url: url.join(' '),
    error: errors.join('\n'),
    lines,
  };
}

/** The last response's headers from $d/head (after redirects): status reason and lowercased names. */
export function parseHeaders(dump: string): { readonly reason: string; readonly headers: Readonly<Record<string, string>> } {
  const blocks = dump.split(/\r?\n\r?\n/).filter((b) => b.trim() !== '');
  const last = blocks.at(-1) ?? '';
  const [statusLine = '', ...rest] = last.split(/\r?\n/);
  const reason = statusLine.replace(/^HTTP\/[\d.]+\s+\d+\s*/, '');
  const headers: Record<string, string> = {};
  for (const line of rest) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase().replace(/-/g, '_')] = line.slice(at + 1).trim();
  }
  return { reason, headers };
}

/** Ansible's url_filename: the last part of the URL's path, decoded, or index.html. */
export function urlFilename(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the text as it is
  }
  const last = path.split('/').at(-1) ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep the undecoded name
  }
  return name === '' || name.includes('/') ? 'index.html' : name;
}
