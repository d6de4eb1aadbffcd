// The work of `kplay report` (see cli/report.ts): find the run, render its page, write it.
import { writeFileSync } from 'node:fs';
import { InputError, InputErrors } from '../engine/core/errors.js';
import { getRun, lastRunId } from '../engine/store/index.js';
import { renderReport } from '../engine/report/html/index.js';
import { escapeControls } from '../engine/report/terminal.js';
import { EXIT } from './exit.js';
import { runIdOf, withStore } from './history-command.js';
import type { StoreFlags } from './store-options.js';

export interface ReportFlags extends StoreFlags {
  readonly html: string;
}

export function reportCommand(ref: string, flags: ReportFlags): Promise<number> {
  return withStore(
    flags,
    async (db) => {
      const id = ref === 'last-failed' ? await lastRunId(db, 'failed') : await runIdOf(db, ref);
      const run = id === undefined ? undefined : await getRun(db, id);
      if (run === undefined) throw new InputErrors([new InputError(`run ${JSON.stringify(ref)}: not in the run store`, { hint: '`kplay history` lists the recorded runs' })]);
      try {
        writeFileSync(flags.html, renderReport(run), { mode: 0o644 });
      } catch (err) {
        throw new InputErrors([new InputError(`--html ${flags.html}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`)]);
      }
      process.stdout.write(escapeControls(`wrote ${flags.html}: run ${run.id}, ${run.status}, ${run.hosts.length} hosts × ${run.tasks.length} tasks\n`));
      return EXIT.ok;
    },
    () => {
      throw new InputErrors([new InputError(`run ${JSON.stringify(ref)}: no run recorded yet`)]);
    },
  );
}
