// An HTTP request made ON THE HOST by curl, all of its data (URL, headers, credentials, body) in a curl config fed on stdin.
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

/** A value curl's config parser reads back as it is: quoted, with \ and " escaped, newlines as \n. */
function configValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** Why a request cannot be sent as asked (a header that would split into two, a NUL), or undefined. */
export function requestProblem(req: HttpRequest): string | undefined {
  if (!/^(https?|ftp|file):\/\//i.test(req.url)) return `unsupported URL scheme in ${req.url} (http, https, ftp or file)`;
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const text = headerText(value);
    if (/[\r\n\0:]/.test(name) || /[\r\n\0]/.test(text)) return `header ${JSON.stringify(name)} holds a line break, NUL or colon in its name or a line break in its value`;
  }
  for (const v of [req.url, req.username ?? '', req.password ?? '', req.body ?? '']) {
    if (v.includes('\0')) return 'a request value holds a NUL byte';
  }
  return undefined;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The curl config (stdin of `curl -K -`): nothing of the request ever reaches the command line. */
export function curlConfig(req: HttpRequest): string {
  const lines = [
    `url = ${configValue(req.url)}`,
    'proto = "=http,https,ftp,file"',
    'silent',
    'show-error',
    `connect-timeout = ${req.timeout}`,
    // Ansible's timeout is a socket timeout: abort when nothing arrives for that long, however big the file
    'speed-limit = 1',
    `speed-time = ${req.timeout}`,
  ];
  if (req.method !== undefined) lines.push(`request = ${configValue(req.method)}`);
  if (req.follow) lines.push('location', 'max-redirs = 10');
  if (!req.validateCerts) lines.push('insecure');
  if (req.username !== undefined) lines.push(`user = ${configValue(`${req.username}:${req.password ?? ''}`)}`);
  for (const [name, value] of Object.entries(req.headers ?? {})) lines.push(`header = ${configValue(`${name}: ${headerText(value)}`)}`);
  if (req.body !== undefined) lines.push(`data-binary = ${configValue(req.body)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Shell that runs the request into the temp dir "$d" (body in $d/body, headers in $d/head) and prints
 * `rc N`, then `http CODE SIZE NUM_REDIRECTS URL`, then `err ...` lines of curl's message when it failed.
 */
export const CURL_RUN = [
  `command -v curl >/dev/null 2>&1 || { echo 'rc 127'; echo 'err curl is not installed on the host'; exit 0; }`,
  `d=$(mktemp -d) || exit 1`,
  `trap 'rm -rf "$d"' EXIT`,
  `curl -K - -o "$d/body" -D "$d/head" -w ${sh`${'%{http_code} %{size_download} %{num_redirects} %{url_effective}'}`} >"$d/w" 2>"$d/err"; rc=$?`,
  `echo "rc $rc"; printf 'http '; cat "$d/w"; echo; sed 's/^/err /' "$d/err"`,
].join('\n');

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

/** Parse what CURL_RUN (and the module's script after it, `word rest` lines) printed. */
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
    error: errors.join('\n').replace(/^curl: \(\d+\) /, ''),
    lines,
  };
}

/** The last response's headers from a `curl -D` dump (after redirects): status reason and lowercased names. */
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
