import { MeshResponse, OrderInventoryService, OrderPaymentService, OrderShippingService } from '../sdk';
import type { Clock, JsonValue, KeyValueStore, MeshRequest, Random, SagaExampleService } from '../sdk';
import type { HandlerSpec } from '../scenario/Scenario';

/**
 * The small library of service handlers a scenario can give a service: `echo`, `static`, a
 * key-value store (state in memory: a crash loses it, as it would lose an app's memory), and the
 * inventory / payment / shipping participants of the SDK's order saga example (the SDK's
 * OrderInventoryService, OrderPaymentService, OrderShippingService: durable ledgers in the device's
 * store, so they survive a crash, idempotent per saga step). Business refusals (out of stock,
 * declined card) are 4xx responses: the service worked, the request was refused.
 */
export type SimHandler = (request: MeshRequest) => Promise<MeshResponse>;

const json = (body: unknown, status = 200): Promise<MeshResponse> =>
  Promise.resolve(MeshResponse.json(body as JsonValue, status));

/** Key-value store: GET/HEAD read `path`, PUT/POST write the body, DELETE removes. */
const kvHandler = (): SimHandler => {
  const data = new Map<string, JsonValue>();
  return (req: MeshRequest): Promise<MeshResponse> => {
    const key = req.path;
    switch (req.method) {
      case 'GET':
      case 'HEAD': {
        const v = data.get(key);
        return v === undefined ? json({ error: 'not found', key }, 404) : json({ key, value: v });
      }
      case 'PUT':
      case 'POST':
        data.set(key, (req.body ?? null) as JsonValue);
        return json({ key, stored: true });
      case 'DELETE':
        return json({ key, deleted: data.delete(key) });
      default:
        return json({ error: `method ${req.method} not allowed` }, 405);
    }
  };
};

/** Items the order saga example's inventory stocks (`sku-0` ..), and its customer accounts (`acct-0` ..). */
export const ORDER_SKUS = 5;
export const ORDER_ACCOUNTS = 10;
/** Balance of every customer account of the payment service (in cents): plenty. */
export const ORDER_ACCOUNT_BALANCE = 1e12;

/** What a handler may use: randomness, the device's durable store and clock, and whether this is the first life. */
export interface HandlerLife {
  random: Random;
  store: KeyValueStore;
  clock: Clock;
  firstLife: boolean;
}

const participant = (service: SagaExampleService): SimHandler => (req: MeshRequest): Promise<MeshResponse> => service.handle(req);

/** A fresh handler for one life of the device (in-memory state starts over; store state does not). */
export const createHandler = (spec: HandlerSpec, life: HandlerLife): SimHandler => {
  switch (spec.type) {
    case 'echo':
      return (req: MeshRequest): Promise<MeshResponse> => json(req.body ?? null);
    case 'static':
      return (): Promise<MeshResponse> => json(spec.body ?? null, spec.status);
    case 'kv':
      return kvHandler();
    case 'inventory': {
      const service = new OrderInventoryService(life.store, life.clock);
      if (life.firstLife) for (let i = 0; i < ORDER_SKUS; i++) void service.setStock(`sku-${i}`, spec.stock);
      return participant(service);
    }
    case 'payment': {
      const service = new OrderPaymentService(life.store, life.clock);
      if (life.firstLife) for (let i = 0; i < ORDER_ACCOUNTS; i++) void service.setBalance(`acct-${i}`, ORDER_ACCOUNT_BALANCE);
      const pay = participant(service);
      if (spec.declineRate <= 0) return pay;
      // A share of charges is declined at the door, as a card issuer would.
      return (req: MeshRequest): Promise<MeshResponse> => req.path === '/charge' && life.random.next() < spec.declineRate
        ? json({ error: 'payment declined' }, 402)
        : pay(req);
    }
    case 'shipping':
      return participant(new OrderShippingService(life.store, life.clock));
  }
};
