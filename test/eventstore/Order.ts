// The worked example of docs/eventstore.md: an order aggregate (created, items added, status
// changed, cancelled), written in the ArkTS subset like SDK code.
import { InvalidStateError, JsonValue } from '../../sdk/src/main/ets/core/index';
import { Aggregate, DomainEvent } from '../../sdk/src/main/ets/eventstore/index';

export interface OrderLine {
  sku: string;
  qty: number;
  priceCents: number;
}

const NEXT_STATUS: Record<string, string[]> = {
  'open': ['placed'],
  'placed': ['paid'],
  'paid': ['shipped'],
  'shipped': ['delivered'],
};

export class Order extends Aggregate {
  status: string = 'none';
  customer: string = '';
  lines: OrderLine[] = [];
  cancelReason: string = '';

  get totalCents(): number {
    let total = 0;
    for (const l of this.lines) total += l.qty * l.priceCents;
    return total;
  }

  // Commands: check the state, then raise events.
  create(customer: string): void {
    if (this.status !== 'none') throw new InvalidStateError(`order ${this.id} already exists`);
    this.raise('OrderCreated', { 'customer': customer } as Record<string, JsonValue>);
  }

  addItem(sku: string, qty: number, priceCents: number): void {
    if (this.status !== 'open') throw new InvalidStateError(`order ${this.id} is ${this.status}: items can no longer be added`);
    this.raise('ItemAdded', { 'sku': sku, 'qty': qty, 'priceCents': priceCents } as Record<string, JsonValue>);
  }

  changeStatus(next: string): void {
    const allowed = NEXT_STATUS[this.status] ?? [];
    if (!allowed.includes(next)) throw new InvalidStateError(`order ${this.id}: ${this.status} -> ${next} is not allowed`);
    if (next === 'placed' && this.lines.length === 0) throw new InvalidStateError(`order ${this.id} is empty`);
    this.raise('StatusChanged', { 'from': this.status, 'to': next } as Record<string, JsonValue>);
  }

  cancel(reason: string): void {
    if (this.status === 'none' || this.status === 'shipped' || this.status === 'delivered' || this.status === 'cancelled') {
      throw new InvalidStateError(`order ${this.id} is ${this.status}: it can no longer be cancelled`);
    }
    this.raise('OrderCancelled', { 'reason': reason } as Record<string, JsonValue>);
  }

  // Events: the only place the state changes.
  protected when(event: DomainEvent): void {
    const d = event.data as Record<string, JsonValue>;
    switch (event.type) {
      case 'OrderCreated':
        this.status = 'open';
        this.customer = d['customer'] as string;
        break;
      case 'ItemAdded': {
        const sku = d['sku'] as string;
        const line = this.lines.find((l) => l.sku === sku);
        if (line !== undefined) line.qty += d['qty'] as number;
        else this.lines.push({ sku: sku, qty: d['qty'] as number, priceCents: d['priceCents'] as number });
        break;
      }
      case 'StatusChanged':
        this.status = d['to'] as string;
        break;
      case 'OrderCancelled':
        this.status = 'cancelled';
        this.cancelReason = d['reason'] as string;
        break;
      default:
        break; // events of later versions of the app are ignored
    }
  }

  // Snapshots.
  get stateVersion(): number {
    return 1;
  }

  snapshotState(): JsonValue {
    const lines: JsonValue[] = [];
    for (const l of this.lines) lines.push([l.sku, l.qty, l.priceCents]);
    return { 'status': this.status, 'customer': this.customer, 'lines': lines, 'cancelReason': this.cancelReason } as Record<string, JsonValue>;
  }

  restoreState(state: JsonValue): void {
    const s = state as Record<string, JsonValue>;
    this.status = s['status'] as string;
    this.customer = s['customer'] as string;
    this.cancelReason = s['cancelReason'] as string;
    this.lines = [];
    for (const row of s['lines'] as JsonValue[]) {
      const r = row as JsonValue[];
      this.lines.push({ sku: r[0] as string, qty: r[1] as number, priceCents: r[2] as number });
    }
  }
}
