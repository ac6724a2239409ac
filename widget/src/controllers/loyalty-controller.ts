// The signed-in member's balance and the rewards redeemable at the configured store, as a Lit
// task: its arguments (proxy client, session, store) come from the host, a change of any of
// them aborts the request in flight and starts another, and a stale answer never lands. Keeps
// the last good answer so a shopper who goes offline still sees it, with its age.

import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { asWidgetError, type Credentials, type ProxyClient, type WidgetError } from '../api/proxy-client';
import type { LoyaltyData, LoyaltyStatus } from '../state';

/** What to load for: nothing until there are a client, a member's session and a store. */
export type LoyaltyArgs = readonly [client: ProxyClient | null, credentials: Credentials | null, store: string | null];

export interface LoyaltyOptions {
  args(): LoyaltyArgs;
  onLoaded(data: LoyaltyData): void;
  onError(error: WidgetError): void;
}

export class LoyaltyController {
  /** The last good answer; kept through a failed reload, dropped when the session ends. */
  data: LoyaltyData | null = null;
  private readonly task: Task<LoyaltyArgs, LoyaltyData>;

  constructor(host: ReactiveControllerHost, options: LoyaltyOptions) {
    this.task = new Task(host, {
      args: () => options.args(),
      task: async ([client, credentials, store], { signal }) => {
        if (!client || !credentials || !store) {
          this.data = null;
          return initialState;
        }
        const [balance, rewards] = await Promise.all([
          client.balance(credentials, signal),
          client.rewards(credentials, store, signal),
        ]);
        return { balance, rewards: rewards.rewards, fetchedAt: Date.now() };
      },
      onComplete: (data) => {
        this.data = data;
        options.onLoaded(data);
      },
      onError: (error) => {
        options.onError(asWidgetError(error));
      },
    });
  }

  get status(): LoyaltyStatus {
    switch (this.task.status) {
      case TaskStatus.PENDING:
        return 'loading';
      case TaskStatus.COMPLETE:
        return 'ready';
      case TaskStatus.ERROR:
        return asWidgetError(this.task.error).code === 'network_error' && this.data ? 'offline' : 'error';
      default:
        return 'idle';
    }
  }

  /** Loads again with the same arguments (a refresh). */
  reload(): void {
    void this.task.run();
  }
}
