// Several reporters at once: the human output on the terminal, and NDJSON or JUnit in files beside it (CI).
import type { Reporter, RunEvent } from '../core/events.js';

export class TeeReporter implements Reporter {
  constructor(private readonly reporters: readonly Reporter[]) {}
  on(e: RunEvent): void {
    for (const r of this.reporters) r.on(e);
  }
  async close(): Promise<void> {
    await Promise.all(this.reporters.map((r) => r.close()));
  }
}
