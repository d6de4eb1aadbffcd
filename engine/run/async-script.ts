// The POSIX sh that starts a detached job (async with poll: 0): it writes Ansible's results file protocol under
// ~/.ansible_async/<jid>, so the job outlives the run (and its connection) and async_status can follow it later.
import { randomInt } from 'node:crypto';
import { quote } from '../core/quote.js';
import { ASYNC_DIR_SH } from '../../modules/common/async-job.js';

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
 * The detached part: runs the step under `timeout` (the job's time limit, killing its whole process group, as
 * the transport's own timeout does), then replaces the "started" file with the result in one rename.
 * $1: the results file, $2: the job id. Exit 124 (TERM) or 137 (KILL after 2 s) at the limit is the timeout.
 */
export function jobScript(stepCmd: string, limitS: number, hasStdin: boolean): string {
  const input = hasStdin ? '"$f".in' : '/dev/null';
  return [
    'f=$1; jid=$2',
    `json_text() { awk '${JSON_TEXT_AWK}' "$1"; }`,
    'start=$(date +%s)',
    'if command -v timeout >/dev/null 2>&1; then',
    `  timeout -k 2 ${limitS} sh -c ${quote(stepCmd)} <${input} >"$f".out 2>"$f".err; rc=$?`,
    'else',
    `  sh -c ${quote(stepCmd)} <${input} >"$f".out 2>"$f".err; rc=$?`,
    'fi',
    'elapsed=$(( $(date +%s) - start ))',
    `if { [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; } && [ "$elapsed" -ge ${limitS} ]; then`,
    `  printf '{"failed": true, "msg": "Timeout exceeded", "ansible_job_id": "%s"}\\n' "$jid" >"$f".tmp`,
    'else',
    `  if [ "$rc" -eq 0 ]; then tail='"msg": ""'; else tail='"failed": true, "msg": "non-zero return code"'; fi`,
    `  { printf '{"changed": true, "ansible_job_id": "%s", "rc": %d, "stdout": ' "$jid" "$rc"; json_text "$f".out; printf ', "stderr": '; json_text "$f".err; printf ', %s}\\n' "$tail"; } >"$f".tmp`,
    'fi',
    'mv -f "$f".tmp "$f"',
    'rm -f "$f".out "$f".err "$f".in',
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
export function launchScript(stepCmd: string, limitS: number, hasStdin: boolean): string {
  return [
    prologue(),
    `printf '{"started": 1, "finished": 0, "ansible_job_id": "%s"}\\n' "$jid" >"$f" || exit 1`,
    ...(hasStdin ? ['cat >"$f".in || exit 1'] : []),
    'if command -v setsid >/dev/null 2>&1; then detach=setsid; else detach=nohup; fi',
    `$detach sh -c ${quote(jobScript(stepCmd, limitS, hasStdin))} sh "$f" "$jid" </dev/null >/dev/null 2>&1 &`,
    REPORT,
  ].join('\n');
}

/** A job whose result is known at once (creates/removes said there is nothing to run): its file is written finished. */
export function finishedJobScript(result: Readonly<Record<string, unknown>>): string {
  return [prologue(), `printf '%s\\n' ${quote(JSON.stringify(result))} >"$f" || exit 1`, REPORT].join('\n');
}
