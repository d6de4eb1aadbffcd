// Where a play's results are counted for the PLAY RECAP.
import type { HostResult } from '../core/events.js';

export interface PlayRecorder {
  /** count one task's outcome on one host for the PLAY RECAP */
  count(result: HostResult): void;
}
