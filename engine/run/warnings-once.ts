// Ansible's Display says each warning once per run (it keeps the ones said): so does a run's event stream.
import type { RunEvent } from '../core/events.js';

/** `emit`, passing a warning only the first time its message comes. */
export function warningsOnce(emit: (e: RunEvent) => void): (e: RunEvent) => void {
  const said = new Set<string>();
  return (e) => {
    if (e.event === 'warning') {
      if (said.has(e.msg)) return;
      said.add(e.msg);
    }
    emit(e);
  };
}
