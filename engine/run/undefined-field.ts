// Ansible's post_validate words for a keyword whose template reads an undefined variable (notify, become_user, a
// play's serial or gather_facts): "The field 'X' has an invalid value, which includes an undefined variable. The
// error was: 'v' is undefined", the variable named as Jinja names it, without kplay's own framing of the template.
import type { SourceLoc } from '../core/location.js';
import { KplayError } from '../core/errors.js';
import { isUndefinedError } from './loop-items.js';

/** The error to throw for `err` met while rendering the field: Ansible's message for an undefined variable, else err. */
export function undefinedFieldError(field: string, err: unknown, loc?: SourceLoc): unknown {
  if (!isUndefinedError(err)) return err;
  // a template error wraps the undefined use; its own message is Jinja's ("'v' is undefined")
  const use = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const why = use instanceof Error ? use.message : String(use);
  return new KplayError('command', `The field '${field}' has an invalid value, which includes an undefined variable. The error was: ${why}`, { loc });
}
