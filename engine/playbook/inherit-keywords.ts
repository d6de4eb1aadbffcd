// A child's keywords over its parent's (play > block > task): the innermost setting wins, templates included.
import { TEMPLATED_KEYWORD_FIELDS, type InheritableKeywords, type TemplatedKeyword } from './model.js';
/** `child`'s keywords over `parent`'s (the innermost setting wins); environments merge, the child's names winning. */
export function inheritKeywords(parent: InheritableKeywords, child: InheritableKeywords): InheritableKeywords {
  return {
    become: child.become ?? parent.become,
    becomeUser: child.becomeUser ?? parent.becomeUser,
    ignoreErrors: child.ignoreErrors ?? parent.ignoreErrors,
    ignoreUnreachable: child.ignoreUnreachable ?? parent.ignoreUnreachable,
    noLog: child.noLog ?? parent.noLog,
    checkMode: child.checkMode ?? parent.checkMode,
    diff: child.diff ?? parent.diff,
    runOnce: child.runOnce ?? parent.runOnce,
    anyErrorsFatal: child.anyErrorsFatal ?? parent.anyErrorsFatal,
    timeout: child.timeout ?? parent.timeout,
    throttle: child.throttle ?? parent.throttle,
    remoteUser: child.remoteUser ?? parent.remoteUser,
    port: child.port ?? parent.port,
    connection: child.connection ?? parent.connection,
    delegateTo: child.delegateTo ?? parent.delegateTo,
    delegateFacts: child.delegateFacts ?? parent.delegateFacts,
    environment: parent.environment === undefined ? child.environment : [...parent.environment, ...(child.environment ?? [])],
    templates: inheritTemplates(parent, child),
  };
}


function inheritTemplates(parent: InheritableKeywords, child: InheritableKeywords): InheritableKeywords['templates'] {
  if (parent.templates === undefined) return child.templates;
  const kept = Object.entries(parent.templates).filter(([key]) => {
    const field = TEMPLATED_KEYWORD_FIELDS[key as TemplatedKeyword];
    return (child as Record<string, unknown>)[field] === undefined;
  });
  return kept.length === 0 ? child.templates : { ...Object.fromEntries(kept), ...child.templates };
}
