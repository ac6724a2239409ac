// An order's webhooks, as its OrderLedger uses them: written (inside the transaction of the
// change they report) only when the client registered a webhook URL, delivered from the ledger's
// alarm with the client's current URL and secret, and listed on the order.

import type { OrderEventView, OrderView, WebhookType } from '../../../shared/wire';
import { orderView, type EventRow, type OrderState } from '../order-ledger/records';
import type { ProxyConfig } from '../env';
import type { Ports } from '../ports';
import { newWebhookId, webhookEvent } from './payload';
import { sendWebhook } from './send';
import { WebhookOutbox } from './webhook-outbox';

/** The webhook that reports each way a delivery step can end (a retry reports nothing). */
const STEP_WEBHOOK = {
  delivered: 'order.event.delivered',
  dead: 'order.event.dead_lettered',
  reconcile: 'order.event.needs_reconciliation',
} as const satisfies Record<string, WebhookType>;

export class OrderWebhooks {
  private readonly outbox: WebhookOutbox;
  private readonly ports: Ports;

  constructor(sql: SqlStorage, ports: Ports) {
    this.outbox = new WebhookOutbox(sql);
    this.ports = ports;
  }

  /** Writes one webhook if the client has a URL; call it inside the change's transaction. */
  private add(
    config: ProxyConfig,
    clientId: string,
    type: WebhookType,
    order: OrderView,
    event: OrderEventView | null,
  ): void {
    if (config.clients.get(clientId)?.webhook_url === undefined) return;
    const now = this.ports.nowMs();
    this.outbox.add(webhookEvent(newWebhookId(), type, clientId, now, order, event), now);
  }

  /** Reports event `seq` and the order as they now stand (inside the change's transaction). */
  report(config: ProxyConfig, state: OrderState, rows: readonly EventRow[], type: WebhookType, seq: number): void {
    const view = orderView(state, rows);
    this.add(config, state.clientId, type, view, view.events.find((e) => e.seq === seq) ?? null);
  }

  /** Reports how a delivery step ended: delivered, dead-lettered, or awaiting reconciliation. */
  reportStep(
    config: ProxyConfig,
    state: OrderState,
    rows: readonly EventRow[],
    kind: keyof typeof STEP_WEBHOOK,
    seq: number,
  ): void {
    this.report(config, state, rows, STEP_WEBHOOK[kind], seq);
  }

  /** Sends what is due, one after another; each answer is recorded as it comes. */
  async deliverDue(config: ProxyConfig, clientId: string): Promise<void> {
    const client = config.clients.get(clientId);
    for (const row of this.outbox.due(this.ports.nowMs())) {
      const target =
        client?.webhook_url !== undefined && client.webhook_secrets.length > 0
          ? { url: client.webhook_url, secrets: client.webhook_secrets, clientId }
          : null;
      const attempt = target
        ? await sendWebhook(this.ports.webhookFetch, target, row.id, row.body, Math.floor(this.ports.nowMs() / 1000))
        : { ok: false as const, error: 'the client no longer has a webhook URL' };
      const policy = target ? config.webhooks : { ...config.webhooks, maxAttempts: 1 };
      this.outbox.record(row, attempt, policy, this.ports.nowMs(), this.ports.random());
    }
  }

  nextDue(): number | null {
    return this.outbox.nextDue();
  }

  view(): OrderView['webhooks'] {
    return this.outbox.view();
  }
}
