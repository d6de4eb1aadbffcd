// An HTTP request made ON THE HOST by python3's urllib, all of its data (URL, headers, credentials, body) as JSON on stdin.
import { sh } from '../../engine/core/quote.js';

export interface HttpRequest {
  readonly url: string;
  readonly method?: string | undefined;
  readonly headers?: Readonly<Record<string, unknown>> | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly body?: string | undefined;
  /** follow redirects (curl --location) */
  readonly follow: boolean;
  readonly timeout: number;
  readonly validateCerts: boolean;
}

/** Why a request cannot be sent as asked (a header that would split into two, a NUL), or undefined. */
export function requestProblem(req: HttpRequest): string | undefined {
  if (!/^(https?|ftp|file):\/\//i.test(req.url)) return `unsupported URL scheme in ${req.url} (http, https, ftp or file)`;
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const text = headerText(value);
    if (/[\r\n\0:]/.test(name) || /[\r\n\0]/.test(text)) return `header ${JSON.stringify(name)} holds a line break, NUL or colon in its name or a line break in its value`;
  }
  return undefined;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The request as JSON, the stdin of the fetcher: nothing of the request ever reaches the command line. */
export function requestInput(req: HttpRequest): string {
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, headerText(v)]));
  return JSON.stringify({ url: req.url, method: req.method ?? null, headers, user: req.username ?? null, password: req.password ?? '', body: req.body ?? null, follow: req.follow, timeout: req.timeout, validate: req.validateCerts });
}

// python3 on the host (EL8 and Debian lab hosts have it, not always curl): body to $d/body, the status line and
// headers to $d/head, "CODE SIZE REDIRECTED URL" to $d/w; prints rc/http/err lines
const FETCHER = `import sys, json, ssl, base64, urllib.request, urllib.error
r = json.load(sys.stdin); d = sys.argv[1]
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
handlers = [] if r['follow'] else [NoRedirect()]
if not r['validate']: handlers.append(urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))
body = None if r['body'] is None else r['body'].encode('utf-8')
q = urllib.request.Request(r['url'], data=body, method=r['method'])
for k, v in r['headers'].items(): q.add_header(k, v)
if r['user'] is not None: q.add_header('Authorization', 'Basic ' + base64.b64encode((r['user'] + ':' + r['password']).encode('utf-8')).decode('ascii'))
try:
    resp = urllib.request.build_opener(*handlers).open(q, timeout=r['timeout']); code = resp.status
except urllib.error.HTTPError as e:
    resp = e; code = e.code
except Exception as e:
    print('rc 1'); print('http 0 0 0 ' + r['url']); print('err ' + str(getattr(e, 'reason', e)).replace('\\n', ' ')); sys.exit(0)
data = resp.read(); url = resp.geturl() or r['url']
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
