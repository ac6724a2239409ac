// The order list as CSV, for an operator's spreadsheet: the same filter as the list page, every
// page of it up to EXPORT_LIMIT orders (the export says when it stopped there). Cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR) are quoted as text (OWASP's CSV
// injection advice); every cell is quoted. Pure apart from reading the pages.

import type { MerchantClient, OrderFilter } from '../../../merchant/client';
import type { OrderList } from '../../../shared/wire';

export const EXPORT_LIMIT = 1000;

const HEADER = ['order_id', 'placed_at', 'status', 'attention', 'hold_until', 'voided_by'] as const;

export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function ordersCsv(orders: OrderList['orders'], truncated: boolean): string {
  const lines = [HEADER.join(',')];
  for (const o of orders)
    lines.push([o.order_id, o.placed_at, o.status, o.attention, o.hold_until, o.voided_by].map(csvCell).join(','));
  if (truncated) lines.push(csvCell(`(stopped at ${EXPORT_LIMIT} orders: narrow the filter for the rest)`));
  return `${lines.join('\r\n')}\r\n`;
}

/** Every order the filter selects, up to EXPORT_LIMIT; whether there were more. */
export async function exportOrders(
  api: MerchantClient,
  filter: OrderFilter,
): Promise<{ orders: OrderList['orders']; truncated: boolean }> {
  const orders: OrderList['orders'] = [];
  let cursor: string | undefined = filter.cursor;
  for (;;) {
    const page = await api.list({ ...filter, limit: 100, ...(cursor !== undefined && { cursor }) });
    orders.push(...page.orders);
    if (page.next_cursor === null) return { orders, truncated: false };
    if (orders.length >= EXPORT_LIMIT) return { orders: orders.slice(0, EXPORT_LIMIT), truncated: true };
    cursor = page.next_cursor;
  }
}
