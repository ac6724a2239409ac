// Callers of one Durable Object waiting for something to change (an event to be delivered):
// each waits until woken or until its time is up, whichever comes first. In memory only.

export class Waiters {
  private readonly waiting = new Set<() => void>();

  /** Resolves when `wakeAll` is called or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiting.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }
}
