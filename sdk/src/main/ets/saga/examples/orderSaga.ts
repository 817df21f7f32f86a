import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { SagaAction } from '../SagaAction';
import { SagaDefinition } from '../SagaDefinition';
import { SagaDefinitionBuilder } from '../SagaDefinitionBuilder';
import { ORDER_INVENTORY_SERVICE, ORDER_PAYMENT_SERVICE, ORDER_SHIPPING_SERVICE } from './OrderServices';

/** Name of the order-processing saga. */
export const ORDER_SAGA_NAME = 'order';
/** Default whole-saga time limit of an order: 30 s to reach the charge. */
export const DEFAULT_ORDER_SAGA_TIMEOUT_MS = 30000;
/** Default time limit of one call of the order saga: 2 s. */
export const DEFAULT_ORDER_STEP_TIMEOUT_MS = 2000;

/** Options of {@link orderSagaDefinition}; every field optional. */
export interface OrderSagaOptions {
  /** Whole-saga time limit. Default {@link DEFAULT_ORDER_SAGA_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Time limit of each call. Default {@link DEFAULT_ORDER_STEP_TIMEOUT_MS}. */
  stepTimeoutMs?: number;
  /** Attempts of the shipment (after the charge) before the order is STUCK. Default: the orchestrator's (10). */
  shippingAttempts?: number;
}

/**
 * Order processing across three devices: reserve stock (`inventory`, compensated by `/release`),
 * charge the card (`payment`, the pivot: once charged, the order ships; `/refund` only undoes a
 * charge whose outcome is unknown), ship (`shipping`, retried, never compensated). Every call
 * sends the saga input `{ orderId, sku, quantity, account, amount, address }` as its body.
 *
 * @example
 * const sagas = new SagaOrchestrator({ node: phone, definitions: [orderSagaDefinition()] });
 * const id = await sagas.start(orderSagaDefinition(), orderSagaInput('o-1', 'tv-55', 1, 'alice', 49900, 'Main St 1'),
 *   { idempotencyKey: 'o-1' });
 */
export const orderSagaDefinition = (options?: OrderSagaOptions): SagaDefinition => {
  const stepMs = options?.stepTimeoutMs ?? DEFAULT_ORDER_STEP_TIMEOUT_MS;
  const attempts = options?.shippingAttempts;
  return new SagaDefinitionBuilder(ORDER_SAGA_NAME, 1)
    .describe('reserve stock, charge the card, ship the order')
    .step({
      name: 'reserve-stock', timeoutMs: stepMs,
      action: SagaAction.call(ORDER_INVENTORY_SERVICE, { path: '/reserve' }),
      compensation: SagaAction.call(ORDER_INVENTORY_SERVICE, { path: '/release' })
    })
    .pivot({
      name: 'charge-card', timeoutMs: stepMs,
      action: SagaAction.call(ORDER_PAYMENT_SERVICE, { path: '/charge' }),
      compensation: SagaAction.call(ORDER_PAYMENT_SERVICE, { path: '/refund' })
    })
    .step({
      name: 'ship-order', timeoutMs: stepMs, retry: attempts === undefined ? undefined : { maxAttempts: attempts },
      action: SagaAction.call(ORDER_SHIPPING_SERVICE, { path: '/ship' })
    })
    .timeout(options?.timeoutMs ?? DEFAULT_ORDER_SAGA_TIMEOUT_MS)
    .build();
};

/** The input of one order (`amount` in cents). */
export const orderSagaInput = (orderId: string, sku: string, quantity: number, account: string, amount: number,
  address: string): JsonObject => {
  const o: Record<string, JsonValue> = {
    'orderId': orderId, 'sku': sku, 'quantity': quantity, 'account': account, 'amount': amount, 'address': address
  };
  return o as JsonObject;
};
