// --step: before each task, ask whether to run it, as ansible-playbook's strategies do (_take_step): once per task
// for all its hosts (per host under strategy: free), meta tasks never. y/yes runs it; c/continue runs it and stops
// asking until the play (or its serial batch) ends, since Ansible makes its strategy, which keeps that choice, anew
// for each; anything else skips it on every host. With no answer left (end of input), Ansible ends the run (exit 2).
import pLimit from 'p-limit';
import type { StepAsk } from './options.js';

export class StepGate {
  #asking = true;
  /** the answers ran out: the run stops */
  ended = false;
  // one question at a time, however many hosts (strategy: free) reach a task together
  readonly #one = pLimit(1);

  constructor(private readonly ask: StepAsk) {}

  /** A play or a serial batch starts: a `continue` answered in the one before no longer holds. */
  batchStarts(): void {
    this.#asking = true;
  }

  /** Whether to run the task; `name` as Ansible shows it ("role : name", else the action), `host` under free. */
  allows(name: string, handler: boolean, host?: string): Promise<boolean> {
    return this.#one(async () => {
      if (this.ended) return false;
      if (!this.#asking) return true;
      const answer = await this.ask(`Perform task: ${handler ? 'HANDLER' : 'TASK'}: ${name} ${host === undefined ? '' : `on ${host} `}(N)o/(y)es/(c)ontinue: `);
      if (answer === undefined) {
        this.ended = true;
        return false;
      }
      const a = answer.trim().toLowerCase();
      if (a === 'c' || a === 'continue') this.#asking = false;
      return a === 'y' || a === 'yes' || a === 'c' || a === 'continue';
    });
  }
}
