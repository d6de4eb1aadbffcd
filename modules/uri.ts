// uri: an HTTP request made ON THE HOST (python3), its status checked against status_code; content/json returned, optionally saved to dest.
import { Type, type Static } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { quote, sh } from '../engine/core/quote.js';
import { defineModule, type Finish, type Plan, type PlanContext, type ProbeOutput } from './contract.js';
import { checkMode as modeProblem, planAttrs } from './common/attrs.js';
import { attributesOf, flagsShell, parseFlags } from './common/file-attributes.js';
import { fileCommonParams, groupParam, modeParam, ownerParam } from './common/file-params.js';
import { contextProbe, contextStepsForNew } from './common/selinux-context.js';
import { HTTP_RUN, parseCurl, parseHeaders, requestInput, requestOptions, requestProblem, tlsParams } from './common/http-request.js';
import { aliasOf, choice } from './common/schema.js';

const params = Type.Object({
  url: Type.String({ description: 'HTTP or HTTPS URL, requested from the host.' }),
  method: Type.String({ description: 'The HTTP method, one uppercase word.', default: 'GET' }),
  body: Type.Optional(Type.Unknown({ description: 'The request body: text, or a dictionary/list with body_format json or form-urlencoded.' })),
  body_format: choice(['raw', 'json', 'form-urlencoded'] as const, { description: 'How a body that is not text is encoded (and the Content-Type it sets).', default: 'raw' }),
  headers: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Extra request headers, as a dictionary.' })),
  status_code: Type.Union([Type.Array(Type.Integer()), Type.Integer(), Type.String({ pattern: '^\\s*\\d+(\\s*,\\s*\\d+)*\\s*$' })], { description: 'The status codes that mean success (a list, a number, or "200,201").', default: [200] }),
  return_content: Type.Boolean({ description: 'Return the body as `content` (a JSON body is always returned as `json`).', default: false }),
  dest: Type.Optional(Type.String({ description: 'A file on the host to write the body to (when the status is a success); mode, owner, group, the SELinux context and attributes then apply to it.' })),
  src: Type.Optional(Type.String({ description: 'A file whose bytes are the request body, instead of body: on the controller (files/ of the role or playbook, or a path), or on the host with remote_src.' })),
  remote_src: Type.Boolean({ description: 'src is a file on the host.', default: false }),
  url_username: Type.Optional(Type.String({ description: 'The user for HTTP basic authentication.' })),
  user: aliasOf('url_username', Type.Optional(Type.String({ description: 'Alias of url_username.' }))),
  url_password: Type.Optional(Type.String({ description: 'The password for HTTP basic authentication.' })),
  password: aliasOf('url_password', Type.Optional(Type.String({ description: 'Alias of url_password.' }))),
  force_basic_auth: Type.Boolean({ description: 'Send the credentials with the first request (kplay always does when a user is given).', default: false }),
  follow_redirects: choice(['all', 'no', 'none', 'safe', 'urllib2', 'yes'] as const, { description: 'safe: follow for GET and HEAD only; all/yes: always; none/no: never.', default: 'safe' }),
  timeout: Type.Integer({ description: 'Socket timeout in seconds.', default: 30, minimum: 1 }),
  validate_certs: Type.Boolean({ description: 'Verify the HTTPS certificate.', default: true }),
  creates: Type.Optional(Type.String({ description: 'A path on the host: when it exists, no request is made.' })),
  removes: Type.Optional(Type.String({ description: 'A path on the host: when it does not exist, no request is made.' })),
  ...tlsParams,
  ca_path: Type.Optional(Type.String({ description: 'A PEM CA bundle on the host that verifies the server, instead of the system CAs.' })),
  unix_socket: Type.Optional(Type.String({ description: 'A Unix socket file on the host to make the connection through.' })),
  force: Type.Boolean({ description: 'Send `cache-control: no-cache`.', default: false }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...fileCommonParams,
});

/** The body's bytes from src on the controller, or why they cannot be read (the message of Ansible's action). */
function controllerBytes(src: string, ctx: PlanContext): Buffer | string {
  try {
    return ctx.readLocalBytes?.(src, 'files') ?? Buffer.from(ctx.readLocalFile(src, 'files'), 'utf8');
  } catch (err) {
    return `Could not find or access '${src}': ${errorMessage(err)}`;
  }
}

/**
 * Shell run once the body was written to dest (Ansible then sets the file common arguments, the task being changed
 * anyway): chown/chmod, chcon where SELinux runs, chattr when the letters differ. Any failure fails the step.
 */
function fileArgsShell(dest: string, p: Static<typeof params>, context: ProbeOutput | undefined): string[] {
  const attrs = planAttrs(dest, { mode: p.mode, owner: p.owner, group: p.group }, undefined).steps;
  const chcon = contextStepsForNew(dest, p, context);
  const attributes = attributesOf(p);
  const flags = attributes === undefined ? undefined : parseFlags(attributes);
  const chattr = flags === undefined || typeof flags === 'string' ? [] : flagsShell(quote(dest), flags, ':', `printf 'Error while setting attributes: %s\\n' "$e" >&2; exit 1`);
  return [...[...attrs, ...chcon].map((s) => `${s.cmd} || exit 1`), ...chattr];
}

function encodeBody(body: unknown, format: string): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (format === 'form-urlencoded' && typeof body === 'object') {
    const entries = Array.isArray(body) ? (body as unknown[][]) : Object.entries(body as Record<string, unknown>);
    return new URLSearchParams(entries.map(([k, v]): [string, string] => [String(k), String(v)])).toString();
  }
  return JSON.stringify(body);
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

const codesOf = (s: number | number[] | string): number[] => (Array.isArray(s) ? s : typeof s === 'number' ? [s] : s.split(',').map((x) => Number(x.trim())));

export const uriModule = defineModule({
  name: 'uri',
  short: 'Interacts with webservices (the host makes the request, with python3)',
  params,
  mutuallyExclusive: [
    ['url_username', 'user'],
    ['url_password', 'password'],
    ['body', 'src'],
  ],
  // Ansible's uri does not support check mode: the task is skipped
  checkMode: 'skip',
  examples: `- name: Ask the service its health
  uri:
    url: http://localhost:8080/health
    return_content: true
  register: health
- name: Create a thing
  uri: { url: "http://api/things", method: POST, body_format: json, body: { name: x }, status_code: [200, 201] }
`,
  probe(p) {
    const probes: Record<string, string> = {};
    if (p.creates !== undefined) probes.creates = sh`test -e ${p.creates}`;
    if (p.removes !== undefined) probes.removes = sh`test -e ${p.removes}`;
    const context = p.dest === undefined ? undefined : contextProbe(p.dest, p);
    if (context !== undefined) probes.context = context;
    return probes;
  },
  plan(p, observed, ctx): Plan {
    if (p.creates !== undefined && observed.creates?.code === 0) return { kind: 'ok', reason: `skipped, since ${p.creates} exists`, data: { stdout: `skipped, since ${p.creates} exists` } };
    if (p.removes !== undefined && observed.removes?.code !== 0) return { kind: 'ok', reason: `skipped, since ${p.removes} does not exist`, data: { stdout: `skipped, since ${p.removes} does not exist` } };
    const method = p.method.toUpperCase();
    if (!/^[A-Z]+$/.test(method)) return { kind: 'fail', msg: "Parameter 'method' needs to be a single word in uppercase, like GET or POST." };
    const headers: Record<string, unknown> = { ...(p.headers ?? {}) };
    if (p.body_format === 'json' && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
    if (p.body_format === 'form-urlencoded' && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const bad = modeProblem(p.mode);
    if (bad !== undefined) return { kind: 'fail', msg: bad };
    const attributes = attributesOf(p);
    const flags = attributes === undefined ? undefined : parseFlags(attributes);
    if (typeof flags === 'string') return { kind: 'fail', msg: flags };
    const bytes = p.src === undefined || p.remote_src ? undefined : controllerBytes(p.src, ctx);
    if (typeof bytes === 'string') return { kind: 'fail', msg: bytes };
    const follow = ['all', 'yes', 'urllib2'].includes(p.follow_redirects) || (p.follow_redirects === 'safe' && (method === 'GET' || method === 'HEAD'));
    const req = {
      url: p.url,
      method,
      headers,
      username: p.url_username ?? p.user,
      password: p.url_password ?? p.password,
      body: encodeBody(p.body, p.body_format),
      bodyBytes: bytes,
      bodyFile: p.remote_src ? p.src : undefined,
      follow,
      timeout: p.timeout,
      validateCerts: p.validate_certs,
      ...requestOptions(p),
      caPath: p.ca_path,
      unixSocket: p.unix_socket,
      noCache: p.force,
    };
    const problem = requestProblem(req);
    if (problem !== undefined) return { kind: 'fail', msg: problem };
    const codes = codesOf(p.status_code);
    const save =
      p.dest === undefined
        ? ''
        : [
            `read code rest < "$d/w"`,
            `case " ${codes.join(' ')} " in *" $code "*) if [ "$code" != 304 ]; then`,
            `cat "$d/body" > ${sh`${p.dest}`} || exit 1`,
            `echo 'wrote yes'`,
            ...fileArgsShell(p.dest, p, observed.context),
            'fi ;; esac',
          ].join('\n');
    const script = `${HTTP_RUN}\n[ "$rc" = 0 ] || exit 0\necho "head $(base64 -w0 < "$d/head")"\necho "body $(base64 -w0 < "$d/body")"\n${save}`;
    return { kind: 'change', summary: `${method} ${p.url}`, steps: [{ cmd: script, stdin: requestInput(req), describe: `${method} ${p.url}` }] };
  },
  finish(p, outputs): Finish {
    const out = outputs[0];
    const codes = codesOf(p.status_code);
    const r = parseCurl(out?.stdout ?? '');
    if (r.rc !== 0) {
      // fetch_url's message for the failure; a ValueError fails the module with it alone
      const msg = r.lines.get('msg') ?? `Request failed: <urlopen error ${r.error}>`;
      if (r.lines.get('fatal') === '1') return { failed: msg, changed: false, data: { status: -1, url: p.url } };
      return { failed: `Status code was -1 and not [${codes.join(', ')}]: ${msg}`, changed: false, data: { status: -1, url: p.url, redirected: false, elapsed: 0 } };
    }
    const { reason, headers } = parseHeaders(Buffer.from(r.lines.get('head') ?? '', 'base64').toString('utf8'));
    const content = Buffer.from(r.lines.get('body') ?? '', 'base64').toString('utf8');
    const contentType = headers.content_type ?? '';
    const sub = (contentType.split(';')[0] ?? '').split('/')[1]?.toLowerCase() ?? '';
    const maybeJson = ['json', 'javascript'].includes(sub.includes('+') ? (sub.split('+')[1] ?? '') : sub);
    const ok = codes.includes(r.status);
    const msg = ok ? `OK (${headers.content_length ?? 'unknown'} bytes)` : `HTTP Error ${r.status}: ${reason}`;
    const data: Record<string, unknown> = { ...headers, status: r.status, url: r.url, redirected: r.redirects > 0, elapsed: 0, msg };
    if (p.dest !== undefined) data.path = p.dest;
    if (maybeJson) {
      try {
        data.json = JSON.parse(content) as unknown;
      } catch {
        // not JSON after all: no json key, as Ansible
      }
    }
    if (p.return_content) data.content = content;
    const changed = r.lines.get('wrote') === 'yes';
    if (!ok) return { failed: `Status code was ${r.status} and not [${codes.join(', ')}]: ${msg}`, changed, data };
    return { changed, data };
  },
});
