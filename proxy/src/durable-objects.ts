// Every Durable Object instance the proxy addresses, named in one place: which namespace, which
// name, and how a checkout id encodes its record's id. Routes and Durable Objects ask here
// instead of building names themselves, so a name cannot drift between the writer and the
// reader.

import type { CheckoutRecord } from './checkout/checkout-record';
import type { LoginCodeStore } from './oidc/login-codes';
import type { SignInStore } from './oidc/sign-ins';
import type { OneTimeIdStore } from './one-time-ids';
import type { OrderIndex } from './order-ledger/order-index';
import type { OrderLedger } from './order-ledger/order-ledger';
import type { RecoveryBoard } from './order-ledger/recovery-board';
import type { RewardHolds } from './order-ledger/reward-holds';

type CodeNamespace = DurableObjectNamespace<LoginCodeStore>;
type SignInNamespace = DurableObjectNamespace<SignInStore>;
type OneTimeIdNamespace = DurableObjectNamespace<OneTimeIdStore>;
type CheckoutNamespace = DurableObjectNamespace<CheckoutRecord>;
type LedgerNamespace = DurableObjectNamespace<OrderLedger>;
type BoardNamespace = DurableObjectNamespace<RecoveryBoard>;
type HoldsNamespace = DurableObjectNamespace<RewardHolds>;
type IndexNamespace = DurableObjectNamespace<OrderIndex>;

/** The one-time login code's record (by the code's hash), from the callback to the token request. */
export const codeStore = (namespace: CodeNamespace, codeHash: string) =>
  namespace.get(namespace.idFromName(`code:${codeHash}`));

/** The store of one sign-in (refresh-token family). */
export const familyStore = (namespace: SignInNamespace, familyId: string) =>
  namespace.get(namespace.idFromName(`family:${familyId}`));

/** The jtis seen at the token endpoint for one DPoP key (before there is a sign-in). */
export const keyStore = (namespace: OneTimeIdNamespace, jkt: string) =>
  namespace.get(namespace.idFromName(`dpop:${jkt}`));

/** The one sign-in state (by its jti) it is named after, remembered until the state expires. */
export const stateStore = (namespace: OneTimeIdNamespace, jti: string) =>
  namespace.get(namespace.idFromName(`auth-state:${jti}`));

/** The one join ticket (by its jti) it is named after: a ticket signs a member in once. */
export const joinTicketStore = (namespace: OneTimeIdNamespace, jti: string) =>
  namespace.get(namespace.idFromName(`join-ticket:${jti}`));

/** The one merchant request signature it is named after, remembered while it could be replayed. */
export const signatureStore = (namespace: OneTimeIdNamespace, clientId: string, signature: string) =>
  namespace.get(namespace.idFromName(`merchant-signature:${clientId}:${signature}`));

/** Which storefront (client id) placed an order id of one Spendgo account: Spendgo knows orders
 * by the merchant's id within the account, so one id must name one storefront's order. */
export const orderIdClaim = (namespace: OneTimeIdNamespace, account: string, orderId: string) =>
  namespace.get(namespace.idFromName(`order-id:${account}:${orderId}`));

/** One operations-console session: once signed out, it is refused until it would have ended. */
export const consoleSessionStore = (namespace: OneTimeIdNamespace, clientId: string, sid: string) =>
  namespace.get(namespace.idFromName(`console-session:${clientId}:${sid}`));

/** The checkout one client's member (or guest) asked for under one Idempotency-Key (its hash). */
export const checkoutRecord = (namespace: CheckoutNamespace, clientId: string, subject: string, keyHash: string) =>
  namespace.get(namespace.idFromName(`checkout:${clientId}:${subject}:${keyHash}`));

const CHECKOUT_ID_PREFIX = 'ck_';

/** The public checkout id of a CheckoutRecord: its Durable Object id, prefixed. */
export const checkoutIdOf = (id: DurableObjectId): string => `${CHECKOUT_ID_PREFIX}${id.toString()}`;

/** The CheckoutRecord a checkout id names; null for an id that is not one of ours. */
export function checkoutRecordById(
  namespace: CheckoutNamespace,
  checkoutId: string,
): DurableObjectStub<CheckoutRecord> | null {
  if (!checkoutId.startsWith(CHECKOUT_ID_PREFIX)) return null;
  try {
    return namespace.get(namespace.idFromString(checkoutId.slice(CHECKOUT_ID_PREFIX.length)));
  } catch {
    return null;
  }
}

/** One client's order, by the merchant's order id. */
export const orderLedger = (namespace: LedgerNamespace, clientId: string, orderId: string) =>
  namespace.get(namespace.idFromName(`order:${clientId}:${orderId}`));

/** One client's recovery board: its orders waiting to retry a failed delivery. */
export const recoveryBoard = (namespace: BoardNamespace, clientId: string) =>
  namespace.get(namespace.idFromName(`recovery:${clientId}`));

/** The reward copies one member of one Spendgo account has held for placed, unbilled orders. */
export const rewardHolds = (namespace: HoldsNamespace, account: string, memberId: string) =>
  namespace.get(namespace.idFromName(`holds:${account}:${memberId}`));

/** One client's index of its orders (a summary row each). */
export const orderIndex = (namespace: IndexNamespace, clientId: string) =>
  namespace.get(namespace.idFromName(`orders:${clientId}`));
