// The url lookup, as Ansible 2.14's (plugins/lookup/url.py over module_utils/urls.py open_url): a GET of each term
// from the controller, its lines (split_lines) or its whole body. Options as keywords, then Ansible's
// ansible_lookup_url_* variables and ANSIBLE_LOOKUP_URL_* environment variables, then the defaults. Redirects as
// urllib and Ansible's RedirectHandler follow them; credentials by a 401 challenge (username) or at once
// (force_basic_auth); Ansible's error messages. Not offered: use_gssapi, unix_socket, ciphers, unredirected_headers
// (refused when set), and ~/.netrc (use_netrc: not read).
import { readFileSync } from 'node:fs';
import { isDict, pyRepr, pyStr, type Dict } from '../template/values.js';
import { splitLines } from './lookup-commands.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';
import { optionBool } from './lookup-options.js';
import { proxyFor } from './url-proxy.js';
import { requestOnce, type OneResponse } from './url-request.js';

export interface UrlOptions {
  readonly validateCerts: boolean;
  readonly splitLines: boolean;
  readonly useProxy: boolean;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly force: boolean;
  readonly timeoutMs: number;
  readonly httpAgent: string;
  readonly forceBasicAuth: boolean;
  readonly followRedirects: string;
  readonly caPath: string | undefined;
}

/** option -> [variable, environment variable] where Ansible's url.py declares them */
const SOURCES: Readonly<Record<string, readonly [string, string]>> = {
  force: ['ansible_lookup_url_force', 'ANSIBLE_LOOKUP_URL_FORCE'],
  timeout: ['ansible_lookup_url_timeout', 'ANSIBLE_LOOKUP_URL_TIMEOUT'],
  http_agent: ['ansible_lookup_url_agent', 'ANSIBLE_LOOKUP_URL_AGENT'],
  follow_redirects: ['ansible_lookup_url_follow_redirects', 'ANSIBLE_LOOKUP_URL_FOLLOW_REDIRECTS'],
  ca_path: ['ansible_lookup_url_ca_path', 'ANSIBLE_LOOKUP_URL_CA_PATH'],
  use_gssapi: ['ansible_lookup_url_use_gssapi', 'ANSIBLE_LOOKUP_URL_USE_GSSAPI'],
  unix_socket: ['ansible_lookup_url_unix_socket', 'ANSIBLE_LOOKUP_URL_UNIX_SOCKET'],
  ciphers: ['ansible_lookup_url_ciphers', 'ANSIBLE_LOOKUP_URL_CIPHERS'],
  unredirected_headers: ['ansible_lookup_url_unredir_headers', 'ANSIBLE_LOOKUP_URL_UNREDIR_HEADERS'],
};
const UNSUPPORTED = ['use_gssapi', 'unix_socket', 'ciphers', 'unredirected_headers'] as const;

function optionValue(name: string, kwargs: Dict, vars: Dict, env: NodeJS.ProcessEnv): unknown {
  if (kwargs[name] !== undefined) return kwargs[name];
  const [v, e] = SOURCES[name] ?? ['', ''];
  if (v !== '' && vars[v] !== undefined) return vars[v];
  return e !== '' ? env[e] : undefined;
}

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : pyStr(v));

/** The options in force: keywords, then Ansible's variables and environment variables, then the defaults. */
export function urlOptions(kwargs: Dict, vars: Dict, env: NodeJS.ProcessEnv = process.env): UrlOptions {
  const get = (name: string): unknown => optionValue(name, kwargs, vars, env);
  for (const name of UNSUPPORTED) {
    const v = get(name);
    const set = name === 'use_gssapi' ? optionBool(v ?? false) : v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
    if (set) throw new LookupFailure(`url: kplay does not support the option ${name}`);
  }
  const headers = get('headers') ?? {};
  if (!isDict(headers)) throw new LookupFailure(`Invalid type for configuration option headers: ${pyStr(headers)} is not a dictionary`);
  const timeout = Number(pyStr(get('timeout') ?? 10));
  if (!Number.isFinite(timeout) || timeout <= 0) throw new LookupFailure(`Invalid type for configuration option timeout: ${pyStr(get('timeout'))} is not a positive number`);
  return {
    validateCerts: optionBool(get('validate_certs') ?? true),
    splitLines: optionBool(get('split_lines') ?? true),
    useProxy: optionBool(get('use_proxy') ?? true),
    username: str(get('username')),
    password: str(get('password')),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, pyStr(v)])),
    force: optionBool(get('force') ?? false),
    timeoutMs: Math.round(timeout * 1000),
    httpAgent: str(get('http_agent')) ?? 'ansible-httpget',
    forceBasicAuth: optionBool(get('force_basic_auth') ?? false),
    followRedirects: str(get('follow_redirects')) ?? 'urllib2',
    caPath: str(get('ca_path')),
  };
}

const basic = (user: string, password: string | undefined): string => `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;

/** open_url's request headers: User-agent, cache-control, the caller's (which win over those), Authorization. */
export function requestHeaders(o: UrlOptions, auth: string | undefined): Record<string, string> {
  const out: Record<string, string> = { 'Accept-Encoding': 'identity' };
  const set = (k: string, v: string): void => {
    for (const have of Object.keys(out)) if (have.toLowerCase() === k.toLowerCase()) delete out[have];
    out[k] = v;
  };
  if (o.httpAgent !== '') set('User-Agent', o.httpAgent);
  if (o.force) set('Cache-Control', 'no-cache');
  for (const [k, v] of Object.entries(o.headers)) set(k, v);
  if (auth !== undefined) set('Authorization', auth);
  return out;
}

/** What becomes of a 30x: follow to the next URL, or the HTTPError urllib / Ansible's RedirectHandler raises. */
export function redirectTarget(mode: string, status: number, reason: string, from: string, location: string | undefined): { next: string } | { error: string } {
  const refused = { error: `HTTP Error ${status}: ${reason}` };
  // 'no', 'none' and any other word (a YAML yes arrives as the string 'True') refuse it
  if (!['urllib2', 'all', 'yes', 'safe'].includes(mode) || ![301, 302, 303, 307, 308].includes(status)) return refused;
  if (location === undefined) return refused;
  const next = new URL(location.replaceAll(' ', '%20'), from);
  if (!['http:', 'https:', 'ftp:'].includes(next.protocol)) return { error: `HTTP Error ${status}: Redirection to url '${next.href}' is not allowed` };
  return { next: next.href };
}

const INFINITE = 'The HTTP server returned a redirect error that would lead to an infinite loop.\nThe last 30x error message was:\n';

/** Python's str(URLError(reason)) for node's connection errors, as urllib words them. */
function urlError(code: string, message: string): string {
  const errno: Readonly<Record<string, string>> = {
    ECONNREFUSED: '[Errno 111] Connection refused',
    ECONNRESET: '[Errno 104] Connection reset by peer',
    EHOSTUNREACH: '[Errno 113] No route to host',
    ENETUNREACH: '[Errno 101] Network is unreachable',
    ENOTFOUND: '[Errno -2] Name or service not known',
    EAI_AGAIN: '[Errno -3] Temporary failure in name resolution',
    ETIMEDOUT: 'timed out',
  };
  const reason = errno[code] ?? (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(code) ? `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${message}` : message);
  return `<urlopen error ${reason}>`;
}

/** open_url(term) and the lookup's handling of its errors: the body, or the LookupFailure Ansible raises. */
export function fetchUrl(term: string, o: UrlOptions, env: NodeJS.ProcessEnv = process.env): Buffer {
  let url: URL;
  try {
    url = new URL(term);
  } catch {
    throw new LookupFailure(`unknown url type: ${pyRepr(term)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LookupFailure(`Failed lookup url for ${term} : <urlopen error unknown url type: ${url.protocol.slice(0, -1)}> (kplay's url lookup reads http and https URLs)`);
  let user = o.username;
  let password = o.password;
  if ((user === undefined || user === '') && url.username !== '') {
    // as urllib splits them off: as written, not percent-decoded
    user = url.username;
    password = url.password;
  }
  url.username = '';
  url.password = '';
  const ca = o.caPath !== undefined ? readCa(o.caPath) : undefined;
  let auth = user !== undefined && user !== '' && o.forceBasicAuth ? basic(user, password) : undefined;
  let current = url.href;
  const visited = new Map<string, number>();
  for (;;) {
    const proxy = o.useProxy ? proxyFor(current, env) : undefined;
    const r: OneResponse = requestOnce({ url: current, headers: requestHeaders(o, auth), timeoutMs: o.timeoutMs, rejectUnauthorized: o.validateCerts, ca, proxy });
    if (r.kind === 'error') throw new LookupFailure(`Failed lookup url for ${term} : ${urlError(r.code, r.message)}`);
    if (r.status >= 200 && r.status < 300) return r.body;
    const httpError = (text: string): LookupFailure => new LookupFailure(`Received HTTP error for ${term} : ${text}`);
    if (r.status === 401 && user !== undefined && user !== '' && !o.forceBasicAuth && auth === undefined && /^\s*basic\b/i.test(r.authenticate ?? '') && password !== undefined) {
      // urllib's HTTPBasicAuthHandler: the credentials go once, in answer to the challenge
      auth = basic(user, password);
      continue;
    }
    // urllib hands only these codes to its redirect handler
    if (![301, 302, 303, 307, 308].includes(r.status)) throw httpError(`HTTP Error ${r.status}: ${r.reason}`);
    const to = redirectTarget(o.followRedirects, r.status, r.reason, current, r.location);
    if ('error' in to) throw httpError(to.error);
    const seen = visited.get(to.next) ?? 0;
    if (seen >= 4 || visited.size >= 10) throw httpError(`HTTP Error ${r.status}: ${INFINITE}${r.reason}`);
    visited.set(to.next, seen + 1);
    current = to.next;
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new LookupFailure(`url: the CA bundle ca_path=${path} could not be read: ${(err as Error).message}`);
  }
}

const url: LookupPlugin = (terms, kwargs, ctx) => {
  const o = urlOptions(kwargs, ctx.vars);
  return termList(terms).flatMap((t) => {
    const body = fetchUrl(pyStr(t), o);
    const text = new TextDecoder('utf-8').decode(body);
    return o.splitLines ? splitLines(text) : [text];
  });
};

export const URL_LOOKUPS = { url } as const satisfies Record<string, LookupPlugin>;
