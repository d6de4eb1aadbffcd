// The keywords a play or a block passes down to its tasks, as written on a play, block, include or task.
import { TEMPLATED_KEYWORDS, type InheritableKeywords, type KeywordTemplate, type TemplatedKeyword, type Vars } from './model.js';
import { valueLoc } from '../yaml/positions.js';
import { locOrFile } from './read.js';
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
    environment: environmentOf(raw.environment),
    templates: readTemplates(raw),
  };
}

/** A keyword written as a template (the schema lets through only a string with `{{` for it): its text and place. */
export function keywordTemplate(raw: Raw, key: string): KeywordTemplate | undefined {
  const v = raw[key];
  return typeof v === 'string' && v.includes('{{') ? { text: v, loc: valueLoc(raw, key) ?? locOrFile(raw, '?') } : undefined;
}

/** The inheritable keywords written as templates. */
function readTemplates(raw: Raw): Partial<Record<TemplatedKeyword, KeywordTemplate>> | undefined {
  const found = TEMPLATED_KEYWORDS.flatMap((key) => {
    const template = keywordTemplate(raw, key);
    return template === undefined ? [] : [[key, template] as const];
  });
  return found.length > 0 ? Object.fromEntries(found) : undefined;
}

/** environment: a mapping, a template giving one, or a list of them (each kept for the run to render). */
function environmentOf(v: unknown): (Vars | string)[] | undefined {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const kept = items.filter((x): x is Vars | string => isMapping(x) || (typeof x === 'string' && x.includes('{{')));
  return kept.length > 0 ? kept : undefined;
}
