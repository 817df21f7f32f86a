import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { asJsonObject } from '../SagaContext';
import { SagaParticipantEffect } from '../SagaParticipant';
import { SagaStepRejectedError } from '../errors/SagaStepRejectedError';
import { bodyCount, bodyString, SagaExampleService } from './SagaExampleService';

/** Service names of the order example. */
export const ORDER_INVENTORY_SERVICE = 'inventory';
export const ORDER_PAYMENT_SERVICE = 'payment';
export const ORDER_SHIPPING_SERVICE = 'shipping';

const obj = (o: Record<string, JsonValue>): JsonObject => o as JsonObject;

const countIn = (result: JsonValue, key: string): number => {
  const o = asJsonObject(result);
  const v = o === undefined ? undefined : o[key];
  return typeof v === 'number' ? v : 0;
};

const textIn = (result: JsonValue, key: string): string => {
  const o = asJsonObject(result);
  const v = o === undefined ? undefined : o[key];
  return typeof v === 'string' ? v : '';
};

/**
 * The warehouse's stock (service `inventory`): `POST /reserve {sku, quantity}` takes stock or
 * refuses (409, out of stock); `POST /release` (the compensation) puts it back.
 */
export class OrderInventoryService extends SagaExampleService {
  constructor(store: KeyValueStore, clock?: Clock) {
    super(ORDER_INVENTORY_SERVICE, store, clock);
  }

  /** Sets the stock of `sku` (set-up). */
  async setStock(sku: string, quantity: number): Promise<void> {
    await this.store.set(this.stockKey(sku), String(quantity));
  }

  /** The stock of `sku` (0 when never set). */
  async stock(sku: string): Promise<number> {
    const v = await this.store.get(this.stockKey(sku));
    return v === undefined ? 0 : Number(v);
  }

  protected async route(path: string, body: JsonObject, key: string): Promise<JsonValue> {
    if (path === '/reserve') {
      return this.ledger.action(key, async (): Promise<SagaParticipantEffect> => {
        const sku = bodyString(body, 'sku');
        const quantity = bodyCount(body, 'quantity');
        const left = await this.stock(sku);
        if (left < quantity) {
          throw new SagaStepRejectedError(`out of stock: ${left} of ${sku} left, ${quantity} wanted`, 409);
        }
        return new SagaParticipantEffect(obj({ 'reservationId': key, 'sku': sku, 'quantity': quantity }),
          [WriteOp.set(this.stockKey(sku), String(left - quantity))]);
      });
    }
    if (path === '/release') {
      return this.ledger.compensate(key, async (reserved: JsonValue): Promise<SagaParticipantEffect> => {
        const sku = textIn(reserved, 'sku');
        const quantity = countIn(reserved, 'quantity');
        const left = await this.stock(sku);
        return new SagaParticipantEffect(obj({ 'released': quantity }), [WriteOp.set(this.stockKey(sku), String(left + quantity))]);
      });
    }
    throw new SagaStepRejectedError(`inventory has no ${path}`, 404);
  }

  private stockKey(sku: string): string {
    return `example/inventory/stock/${sku}`;
  }
}

/**
 * The wallet (service `payment`): `POST /charge {account, amount}` debits the account or refuses
 * (402, insufficient funds); `POST /refund` (the compensation) credits it back. Amounts in cents.
 */
export class OrderPaymentService extends SagaExampleService {
  constructor(store: KeyValueStore, clock?: Clock) {
    super(ORDER_PAYMENT_SERVICE, store, clock);
  }

  /** Sets an account's balance in cents (set-up). */
  async setBalance(account: string, cents: number): Promise<void> {
    await this.store.set(this.balanceKey(account), String(cents));
  }

  /** An account's balance in cents (0 when never set). */
  async balance(account: string): Promise<number> {
    const v = await this.store.get(this.balanceKey(account));
    return v === undefined ? 0 : Number(v);
  }

  protected async route(path: string, body: JsonObject, key: string): Promise<JsonValue> {
    if (path === '/charge') {
      return this.ledger.action(key, async (): Promise<SagaParticipantEffect> => {
        const account = bodyString(body, 'account');
        const amount = bodyCount(body, 'amount');
        const balance = await this.balance(account);
        if (balance < amount) {
          throw new SagaStepRejectedError(`insufficient funds: ${balance} < ${amount}`, 402);
        }
        return new SagaParticipantEffect(obj({ 'chargeId': key, 'account': account, 'amount': amount }),
          [WriteOp.set(this.balanceKey(account), String(balance - amount))]);
      });
    }
    if (path === '/refund') {
      return this.ledger.compensate(key, async (charged: JsonValue): Promise<SagaParticipantEffect> => {
        const account = textIn(charged, 'account');
        const amount = countIn(charged, 'amount');
        const balance = await this.balance(account);
        return new SagaParticipantEffect(obj({ 'refunded': amount }), [WriteOp.set(this.balanceKey(account), String(balance + amount))]);
      });
    }
    throw new SagaStepRejectedError(`payment has no ${path}`, 404);
  }

  private balanceKey(account: string): string {
    return `example/payment/balance/${account}`;
  }
}

/**
 * The courier (service `shipping`): `POST /ship {orderId, address}` books a shipment. It comes
 * after the pivot, so it has no compensation: while `available` is false it answers 503 and the
 * saga retries it (and goes STUCK if the outage outlasts the retries).
 */
export class OrderShippingService extends SagaExampleService {
  constructor(store: KeyValueStore, clock?: Clock) {
    super(ORDER_SHIPPING_SERVICE, store, clock);
  }

  /** The shipment booked for `orderId`, or undefined. */
  async shipment(orderId: string): Promise<JsonValue | undefined> {
    const v = await this.store.get(this.shipmentKey(orderId));
    return v === undefined ? undefined : JSON.parse(v) as JsonValue;
  }

  /** How many shipments were booked. */
  async shipments(): Promise<number> {
    return (await this.store.keys('example/shipping/shipment/')).length;
  }

  protected async route(path: string, body: JsonObject, key: string): Promise<JsonValue> {
    if (path === '/ship') {
      return this.ledger.action(key, async (): Promise<SagaParticipantEffect> => {
        const orderId = bodyString(body, 'orderId');
        const address = bodyString(body, 'address');
        const clock = this.clock;
        const shipment = obj({
          'shipmentId': key, 'orderId': orderId, 'address': address, 'bookedAt': clock === undefined ? 0 : clock.now()
        });
        return new SagaParticipantEffect(shipment, [WriteOp.set(this.shipmentKey(orderId), JSON.stringify(shipment))]);
      });
    }
    throw new SagaStepRejectedError(`shipping has no ${path}`, 404);
  }

  private shipmentKey(orderId: string): string {
    return `example/shipping/shipment/${orderId}`;
  }
}
