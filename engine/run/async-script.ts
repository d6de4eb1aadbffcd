// The POSIX sh that starts a detached job (async with poll: 0): it writes Ansible's results file protocol under
// ~/.ansible_async/<jid>, so the job outlives the run (and its connection) and async_status can follow it later.
import { randomInt } from 'node:crypto';
import { quote } from '../core/quote.js';
import { ASYNC_DIR_SH } from '../../modules/common/async-job.js';
import { HOST_CLOCK } from './probe-script.js';

/**
 * Text -> a JSON string, in awk (POSIX, on every host; sh alone cannot escape). Trailing empty lines are dropped
 * as Ansible's command drops them (strip_empty_ends). No single quote inside: the program is quoted with them.
 */
const JSON_TEXT_AWK = String.raw`BEGIN { for (i = 1; i < 32; i++) esc[sprintf("%c", i)] = sprintf("\\u%04x", i); esc["\t"] = "\\t"; esc["\r"] = "\\r"; esc["\\"] = "\\\\"; esc["\""] = "\\\"" }
{ line[NR] = $0 }
END {
  n = NR
  while (n > 0 && line[n] ~ /^\r*$/) n--
  if (n > 0) sub(/\r+$/, "", line[n])
  out = ""
  for (i = 1; i <= n; i++) {
    s = line[i]; r = ""
    for (j = 1; j <= length(s); j++) { c = substr(s, j, 1); r = r ((c in esc) ? esc[c] : c) }
    out = out (i > 1 ? "\\n" : "") r
  }
  printf "\"%s\"", out
}`;

/**
 * Two host clock readings (`date +'%Y-%m-%d %H:%M:%S.%N'`, -v a= and b=) -> `"start": ..., "end": ..., "delta": ...`
 * as command's Python gives them (modules/common/python-time.ts): str(datetime) to the microsecond, and str(b - a)
 * of the naive times; nulls when a reading is missing. Days are counted from the civil date; the difference is
 * taken before scaling to microseconds, so awk's doubles stay exact. No single quote inside.
 */
export const JSON_TIMES_AWK = String.raw`function day(y, m, d) { if (m <= 2) { y--; m += 12 } return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d }
function read(t, r,   f) {
  if (t !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/) return 0
  f = substr(t, 21); if (substr(t, 20, 1) != "." || f !~ /^[0-9]+$/) f = ""; f = substr(f "000000", 1, 6)
  r["text"] = substr(t, 1, 19) (f == "000000" ? "" : "." f)
  r["day"] = day(substr(t, 1, 4) + 0, substr(t, 6, 2) + 0, substr(t, 9, 2) + 0)
  r["sec"] = (substr(t, 12, 2) * 60 + substr(t, 15, 2)) * 60 + substr(t, 18, 2); r["us"] = f + 0
  return 1
}
function delta(us,   days, s, out) {
  days = int(us / 86400000000); if (days * 86400000000 > us) days--
  us -= days * 86400000000; s = int(us / 1000000); us -= s * 1000000
  out = sprintf("%d:%02d:%02d", int(s / 3600), int(s / 60) % 60, s % 60)
  if (days != 0) out = sprintf("%d day%s, ", days, (days == 1 || days == -1) ? "" : "s") out
  return us == 0 ? out : out sprintf(".%06d", us)
}
BEGIN {
  if (!read(a, x) || !read(b, y)) { printf "\"start\": null, \"end\": null, \"delta\": null"; exit }
  us = ((y["day"] - x["day"]) * 86400 + y["sec"] - x["sec"]) * 1000000 + y["us"] - x["us"]
  printf "\"start\": \"%s\", \"end\": \"%s\", \"delta\": \"%s\"", x["text"], y["text"], delta(us)
}`;

/**
 * The detached part: runs the step under `timeout` (the job's time limit, killing its whole process group, as
 * the transport's own timeout does), then replaces the "started" file with the result in one rename.
 * $1: the results file, $2: the job id. Exit 124 (TERM) or 137 (KILL after 2 s) at the limit is the timeout.
 * `fields` are known before it runs (command's cmd): the result carries them too.
 */
export function jobScript(stepCmd: string, limitS: number, hasStdin: boolean, fields: Readonly<Record<string, unknown>> = {}): string {
  const input = hasStdin ? '"$f".in' : '/dev/null';
  const known = Object.keys(fields).length === 0 ? '' : `printf '%s, ' ${quote(JSON.stringify(fields).slice(1, -1))}; `;
  return [
    'f=$1; jid=$2',
    `json_text() { awk '${JSON_TEXT_AWK}' "$1"; }`,
    `json_times() { awk -v a="$1" -v b="$2" '${JSON_TIMES_AWK}' </dev/null; }`,
    'start=$(date +%s)',
    `t0=${HOST_CLOCK}`,
    'if command -v timeout >/dev/null 2>&1; then',
    `  timeout -k 2 ${limitS} sh -c ${quote(stepCmd)} <${input} >"$f".out 2>"$f".err; rc=$?`,
    'else',
    `  sh -c ${quote(stepCmd)} <${input} >"$f".out 2>"$f".err; rc=$?`,
    'fi',
    `t1=${HOST_CLOCK}`,
    'elapsed=$(( $(date +%s) - start ))',
    `if { [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; } && [ "$elapsed" -ge ${limitS} ]; then`,
    `  printf '{"failed": true, "msg": "Timeout exceeded", "ansible_job_id": "%s"}\\n' "$jid" >"$f".tmp`,
    'else',
    `  if [ "$rc" -eq 0 ]; then tail='"msg": ""'; else tail='"failed": true, "msg": "non-zero return code"'; fi`,
    `  { printf '{'; ${known}printf '"changed": true, "ansible_job_id": "%s", "rc": %d, "stdout": ' "$jid" "$rc"; json_text "$f".out; printf ', "stderr": '; json_text "$f".err; printf ', '; json_times "$t0" "$t1"; printf ', %s}\\n' "$tail"; } >"$f".tmp`,
    'fi',
    // the outputs go first: once the result is in place, the job leaves nothing else behind
    'rm -f "$f".out "$f".err "$f".in',
    'mv -f "$f".tmp "$f"',
  ].join('\n');
}

/** Creates the jobs' directory and the job's id (Ansible's shape: j<12 digits>.<pid>) and file; prints neither. */
function prologue(): string {
  const jid = `j${String(randomInt(1_000_000_000_000)).padStart(12, '0')}`;
  return [`d=${ASYNC_DIR_SH}`, '(umask 077 && mkdir -p "$d") || exit 1', `jid=${jid}.$$`, 'f="$d/$jid"'].join('\n');
}

/** The job id and its results file, one per line: what the launch prints for the task's result. */
const REPORT = `printf '%s\\n%s\\n' "$jid" "$f"`;

/**
 * Starts `stepCmd` detached: a new session (setsid; else nohup), stdin/stdout/stderr away from the connection,
 * so neither the end of the exec nor of the run stops it. The step's stdin, if any, comes on the launcher's.
 */
export function launchScript(stepCmd: string, limitS: number, hasStdin: boolean, fields: Readonly<Record<string, unknown>> = {}): string {
  return [
    prologue(),
    `printf '{"started": 1, "finished": 0, "ansible_job_id": "%s"}\\n' "$jid" >"$f" || exit 1`,
    ...(hasStdin ? ['cat >"$f".in || exit 1'] : []),
    'if command -v setsid >/dev/null 2>&1; then detach=setsid; else detach=nohup; fi',
    `$detach sh -c ${quote(jobScript(stepCmd, limitS, hasStdin, fields))} sh "$f" "$jid" </dev/null >/dev/null 2>&1 &`,
    REPORT,
  ].join('\n');
}

/** A job whose result is known at once (creates/removes said there is nothing to run): its file is written finished. */
export function finishedJobScript(result: Readonly<Record<string, unknown>>): string {
  return [prologue(), `printf '%s\\n' ${quote(JSON.stringify(result))} >"$f" || exit 1`, REPORT].join('\n');
}
