// The keywords a play or a block passes down to its tasks, as written on a play, block, include or task.
import type { InheritableKeywords } from './model.js';
import { asBool, asInt, asString, isMapping, type Raw } from './read.js';

export function readInheritable(raw: Raw): InheritableKeywords {
  return {
    become: asBool(raw.become),
    becomeUser: asString(raw.become_user),
    ignoreErrors: asBool(raw.ignore_errors),
    ignoreUnreachable: asBool(raw.ignore_unreachable),
    noLog: asBool(raw.no_log),
    checkMode: asBool(raw.check_mode),
    diff: asBool(raw.diff),
    runOnce: asBool(raw.run_once),
    anyErrorsFatal: asBool(raw.any_errors_fatal),
    timeout: asInt(raw.timeout),
    throttle: asInt(raw.throttle),
    remoteUser: asString(raw.remote_user),
    port: asInt(raw.port),
    connection: raw.connection === 'ssh' || raw.connection === 'local' ? raw.connection : undefined,
    delegateTo: asString(raw.delegate_to),
    delegateFacts: asBool(raw.delegate_facts),
    environment: isMapping(raw.environment) ? raw.environment : undefined,
  };
}
