// wait_for: wait on the host for a port to open or close, or a file to appear (with a regex) or go, bounded by timeout.
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { choice } from './common/schema.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  host: Type.String({ description: 'The host (name or address) whose port to wait for, as seen from the managed host.', default: '127.0.0.1' }),
  port: Type.Optional(Type.Integer({ description: 'The TCP port to wait for.', minimum: 1, maximum: 65535 })),
  path: Type.Optional(Type.String({ description: 'A file to wait for (state present/started) or to go away (absent/stopped).' })),
  search_regex: Type.Optional(Type.String({ description: 'With path: wait until the file has a line matching this (extended) regular expression.' })),
  state: choice(['started', 'stopped', 'present', 'absent'] as const, { description: 'started/present: the port open or the file there; stopped/absent: the port closed or the file gone.', default: 'started' }),
  timeout: Type.Integer({ description: 'Seconds to wait at most before failing.', default: 300, minimum: 0 }),
  delay: Type.Integer({ description: 'Seconds to wait before the first check.', default: 0, minimum: 0 }),
  sleep: Type.Integer({ description: 'Seconds between checks.', default: 1, minimum: 1 }),
  connect_timeout: Type.Integer({ description: 'Seconds a connection attempt may take.', default: 5, minimum: 1 }),
  msg: Type.Optional(Type.String({ description: 'The failure message instead of the default one.' })),
});

/** The shell check that holds when the condition is met (exit 0). */
function check(p: { host: string; port?: number | undefined; path?: string | undefined; search_regex?: string | undefined; state: string; connect_timeout: number }): string {
  const wantThere = p.state === 'started' || p.state === 'present';
  if (p.path !== undefined) {
    const there = p.search_regex !== undefined ? `grep -Eq -- ${quote(p.search_regex)} ${quote(p.path)} 2>/dev/null` : `[ -e ${quote(p.path)} ]`;
    return wantThere ? there : `! [ -e ${quote(p.path)} ]`;
  }
  // bash's /dev/tcp, else nc: an open port accepts the connection
  // the host is data: an argument of the script, never part of it
  const open = `timeout ${p.connect_timeout} bash -c 'exec 3<>"/dev/tcp/$1/$2"' wait_for ${quote(p.host)} ${p.port ?? 0} 2>/dev/null || nc -z -w ${p.connect_timeout} -- ${quote(p.host)} ${p.port ?? 0} 2>/dev/null`;
  return wantThere ? `{ ${open}; }` : `! { ${open}; }`;
}

export const waitForModule = defineModule({
  name: 'wait_for',
  short: 'Wait on the host for a port or a file (optionally a regex in it), or for them to go away',
  params,
  checkMode: 'plan',
  mutuallyExclusive: [['port', 'path']],
  examples: `- name: Wait for sshd
  wait_for: { port: 22, timeout: 60 }

- name: Wait for the application to log that it is ready
  wait_for: { path: /var/log/app.log, search_regex: "ready on port [0-9]+", timeout: 120 }
`,
  probe(p): Record<string, string> {
    if (p.port === undefined && p.path === undefined) return { wait: `sleep ${p.timeout}; echo waited` };
    // the loop runs on the host, bounded by timeout; it prints how long it took and, for a regex, the line found
    const found = p.path !== undefined && p.search_regex !== undefined ? `grep -Em1 -- ${quote(p.search_regex)} ${quote(p.path)} 2>/dev/null` : 'true';
    return {
      wait: `sleep ${p.delay}; start=$(date +%s); while :; do if ${check(p)}; then echo "elapsed $(( $(date +%s) - start ))"; ${found}; exit 0; fi; [ $(( $(date +%s) - start )) -ge ${p.timeout} ] && { echo "elapsed $(( $(date +%s) - start ))"; exit 3; }; sleep ${p.sleep}; done`,
    };
  },
  plan(p, observed) {
    // validate refuses this before the run; arguments templated at run time are checked here
    if (p.port !== undefined && p.path !== undefined) return { kind: 'fail', msg: 'parameters are mutually exclusive: port|path' };
    const out = observed.wait;
    const [first = '', ...rest] = (out?.stdout ?? '').split('\n');
    const elapsed = Number(/^elapsed (\d+)/.exec(first)?.[1] ?? (first === 'waited' ? p.timeout : 0));
    if (out === undefined || (out.code !== 0 && out.code !== 3)) return { kind: 'fail', msg: `wait_for could not check: ${out?.stderr.trim() || `exit code ${out?.code ?? 'none'}`}` };
    if (out.code === 3) {
      const what = p.path !== undefined ? (p.search_regex !== undefined ? `Timeout when waiting for search string ${p.search_regex} in ${p.path}` : `Timeout when waiting for file ${p.path}`) : `Timeout when waiting for ${p.host}:${p.port ?? ''}`;
      const stopped = p.state === 'stopped' || p.state === 'absent';
      const msg = p.msg ?? (stopped ? (p.path !== undefined ? `Timeout when waiting for ${p.path} to be absent.` : `Timeout when waiting for ${p.host}:${p.port ?? ''} to stop.`) : what);
      return { kind: 'fail', msg, data: { elapsed } };
    }
    const data: Record<string, unknown> = { elapsed, state: p.state };
    if (p.path !== undefined) data.path = p.path;
    if (p.port !== undefined) data.port = p.port;
    if (p.search_regex !== undefined) {
      // the groups of the first matching line, as Ansible's match_groups / match_groupdict
      const m = matchOf(p.search_regex, rest.join('\n'));
      data.match_groups = m ? m.slice(1) : [];
      data.match_groupdict = m?.groups ? { ...m.groups } : {};
    }
    return { kind: 'ok', reason: `waited ${elapsed} s`, data };
  },
});

/** Python's (?P<name>...) read as JavaScript's (?<name>...); a pattern JavaScript cannot read matches nothing here. */
function matchOf(pattern: string, text: string): RegExpExecArray | null {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, '(?<'), 'm').exec(text);
  } catch {
    return null;
  }
}
