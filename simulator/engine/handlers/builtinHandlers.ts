import { MeshResponse } from '../sdk';
import type { JsonValue, MeshBody, MeshRequest, Random } from '../sdk';
import type { HandlerSpec } from '../scenario/Scenario';

/**
 * The small library of service handlers a scenario can give a service: `echo`, `static`, a
 * key-value store, and the inventory / payment / shipping services of the order saga example.
 * State lives in the handler instance, which the engine creates per device life: a crash loses
 * it, as it would lose an app's memory. Business refusals (out of stock, declined card, unknown
 * reservation) are answered with 4xx responses: the service worked, the request was refused.
 */
export type SimHandler = (request: MeshRequest) => Promise<MeshResponse>;

const json = (body: unknown, status = 200): Promise<MeshResponse> =>
  Promise.resolve(MeshResponse.json(body as JsonValue, status));

const field = (body: MeshBody, name: string): unknown =>
  typeof body === 'object' && body !== null && !(body instanceof Uint8Array) && !Array.isArray(body)
    ? (body as Record<string, JsonValue>)[name]
    : undefined;

const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);
const count = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

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

/** Inventory: POST /reserve { orderId, item, qty }, POST /release { orderId }, GET /stock/<item>. */
const inventoryHandler = (stock: number): SimHandler => {
  const levels = new Map<string, number>();
  const reservations = new Map<string, { item: string; qty: number }>();
  const level = (item: string): number => levels.get(item) ?? stock;
  return (req: MeshRequest): Promise<MeshResponse> => {
    const orderId = text(field(req.body, 'orderId'), '');
    if (req.path === '/reserve') {
      const item = text(field(req.body, 'item'), 'item');
      const qty = count(field(req.body, 'qty'), 1);
      if (reservations.has(orderId)) return json({ orderId, reserved: true, duplicate: true });
      if (level(item) < qty) return json({ orderId, error: 'out of stock', item, available: level(item) }, 409);
      levels.set(item, level(item) - qty);
      reservations.set(orderId, { item, qty });
      return json({ orderId, reserved: true, item, remaining: level(item) });
    }
    if (req.path === '/release') {
      const r = reservations.get(orderId);
      if (r !== undefined) {
        reservations.delete(orderId);
        levels.set(r.item, level(r.item) + r.qty);
      }
      return json({ orderId, released: r !== undefined });
    }
    if (req.path.startsWith('/stock/')) {
      const item = req.path.slice('/stock/'.length);
      return json({ item, available: level(item) });
    }
    return json({ error: `no operation ${req.path}` }, 404);
  };
};

/** Payment: POST /charge { orderId, amount } (declined with `declineRate`), POST /refund { orderId }. */
const paymentHandler = (declineRate: number, random: Random): SimHandler => {
  const charges = new Map<string, number>();
  return (req: MeshRequest): Promise<MeshResponse> => {
    const orderId = text(field(req.body, 'orderId'), '');
    if (req.path === '/charge') {
      if (charges.has(orderId)) return json({ orderId, charged: true, duplicate: true });
      if (declineRate > 0 && random.next() < declineRate) return json({ orderId, error: 'payment declined' }, 402);
      const amount = count(field(req.body, 'amount'), 1);
      charges.set(orderId, amount);
      return json({ orderId, charged: true, amount });
    }
    if (req.path === '/refund') {
      const amount = charges.get(orderId);
      charges.delete(orderId);
      return json({ orderId, refunded: amount !== undefined, amount: amount ?? 0 });
    }
    return json({ error: `no operation ${req.path}` }, 404);
  };
};

/** Shipping: POST /schedule { orderId }, POST /cancel { orderId }. */
const shippingHandler = (): SimHandler => {
  const shipments = new Map<string, number>();
  let next = 1;
  return (req: MeshRequest): Promise<MeshResponse> => {
    const orderId = text(field(req.body, 'orderId'), '');
    if (req.path === '/schedule') {
      let id = shipments.get(orderId);
      if (id === undefined) {
        id = next++;
        shipments.set(orderId, id);
      }
      return json({ orderId, shipment: id });
    }
    if (req.path === '/cancel') {
      return json({ orderId, cancelled: shipments.delete(orderId) });
    }
    return json({ error: `no operation ${req.path}` }, 404);
  };
};

/** A fresh handler (fresh state) for one life of a device. */
export const createHandler = (spec: HandlerSpec, random: Random): SimHandler => {
  switch (spec.type) {
    case 'echo':
      return (req: MeshRequest): Promise<MeshResponse> => json(req.body ?? null);
    case 'static':
      return (): Promise<MeshResponse> => json(spec.body ?? null, spec.status);
    case 'kv':
      return kvHandler();
    case 'inventory':
      return inventoryHandler(spec.stock);
    case 'payment':
      return paymentHandler(spec.declineRate, random);
    case 'shipping':
      return shippingHandler();
  }
};
