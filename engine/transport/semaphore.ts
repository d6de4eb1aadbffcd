// A FIFO counting semaphore: at most `limit` holders, the rest wait in arrival order.
export class Semaphore {
  readonly limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves with a release function once a slot is free. Release exactly once. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.#active += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#active -= 1;
          this.#waiting.shift()?.();
        });
      };
      if (this.#active < this.limit) grant();
      else this.#waiting.push(grant);
    });
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** One semaphore per key, created on first use (e.g. handshakes per server address:port). */
export class KeyedSemaphores {
  readonly #limit: number;
  readonly #byKey = new Map<string, Semaphore>();
  constructor(limit: number) {
    this.#limit = limit;
  }
  for(key: string): Semaphore {
    let s = this.#byKey.get(key);
    if (s === undefined) {
      s = new Semaphore(this.#limit);
      this.#byKey.set(key, s);
    }
    return s;
  }
}
