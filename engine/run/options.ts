// What `kplay run` was asked to do, normalised.
import type { Vars } from '../playbook/model.js';

export interface RunOptions {
  readonly playbook: string;
  readonly inventorySources: readonly string[];
  readonly extraVars: Vars;
  readonly limit: string | undefined;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly check: boolean;
  readonly diff: boolean;
  readonly forks: number;
  readonly verbosity: number;
  readonly user: string | undefined;
  readonly privateKey: string | undefined;
  readonly startAtTask: string | undefined;
  readonly forceHandlers: boolean;
}
