import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { Disposable } from '../../core/events/Disposable';
import { JsonValue } from '../../core/json/JsonValue';
import { Logger } from '../../platform/logging/Logger';
import { ServiceInstance } from '../../registry/ServiceInstance';
import { ServiceRegistry } from '../../registry/ServiceRegistry';
import { hash32 } from '../../registry/balancers/hash32';
import { Envelope } from '../../transport/Envelope';
import { Transport, TransportClosedEvent, TransportCloseReason } from '../../transport/Transport';
import { GroupAdvert } from './ConsumerEndpoint';
import { DeliveryOutcome } from './DeliveryOutcome';
import { decodeDelivery, decodeOutcome, encodeDelivery, encodeOutcome, MQ_DELIVER_TOPIC, WireDelivery } from './deliveryWire';
import { isGroupName } from './names';
import { StoredMessage } from './StoredMessage';

/** Registry service name of a topic's consumers: `mq.<topic>`. */
export const consumerServiceName = (topic: string): string => `mq.${topic}`;

/** Extra time a delivery request waits past the visibility timeout (the publisher's own timer fires first). */
const REQUEST_GRACE_MS = 1000;

/** What the binding asks of the queue. */
export interface BindingHost {
  /** The registry changed for `topic`'s consumers. */
  remoteConsumersChanged(topic: string): void;
  /** A delivery arrived from another device. */
  acceptRemote(delivery: WireDelivery, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome>;
  /** The node's transport closed (stopped or crashed). */
  halt(crashed: boolean): void;
}

/** A consumer of a (topic, group) on another device, from the registry. */
export class RemoteConsumer {
  readonly deviceId: string;
  readonly group: string;
  readonly prefetch: number;
  readonly visibilityTimeoutMs: number;
  readonly groupExpiryMs: number;

  constructor(deviceId: string, group: string, prefetch: number, visibilityTimeoutMs: number, groupExpiryMs: number) {
    this.deviceId = deviceId;
    this.group = group;
    this.prefetch = prefetch;
    this.visibilityTimeoutMs = visibilityTimeoutMs;
    this.groupExpiryMs = groupExpiryMs;
  }
}

const metaNumber = (text: string | undefined, d: number): number => {
  if (text === undefined) {
    return d;
  }
  if (text === 'inf') {
    return Infinity;
  }
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : d;
};

/**
 * Connects a queue to a MeshNode without touching MeshNode: deliveries travel as requests on the
 * transport topic `mq.deliver`; each (topic, group) this device consumes is a registry instance
 * of service `mq.<topic>` (metadata: group, credit, visibility timeout, group expiry), replicated
 * to every device through membership like any service; publishers watch those services.
 */
export class MeshBinding {
  private readonly _transport: Transport;
  private readonly _registry: ServiceRegistry;
  private readonly _deviceId: string;
  private readonly _deviceType: string;
  private readonly _host: BindingHost;
  private readonly _logger: Logger;
  private readonly _clockNow: () => number;
  private readonly _subscriptions: Disposable[] = [];
  private readonly _watches: Map<string, Disposable> = new Map<string, Disposable>();
  private readonly _instances: Map<string, string> = new Map<string, string>();
  private _stopped: boolean = false;

  constructor(transport: Transport, registry: ServiceRegistry, deviceId: string, deviceType: string, host: BindingHost,
    logger: Logger, clockNow: () => number) {
    this._transport = transport;
    this._registry = registry;
    this._deviceId = deviceId;
    this._deviceType = deviceType;
    this._host = host;
    this._logger = logger;
    this._clockNow = clockNow;
  }

  start(): void {
    const t = this._transport;
    this._subscriptions.push(t.onRequest(MQ_DELIVER_TOPIC, (env: Envelope): Promise<Envelope> => this.onDeliver(env)));
    this._subscriptions.push(t.onClosed((e: TransportClosedEvent): void => this._host.halt(e.reason === TransportCloseReason.CRASHED)));
  }

  private async onDeliver(env: Envelope): Promise<Envelope> {
    const d = decodeDelivery(env.body);
    if (d === undefined) {
      throw new MeshError(ErrorCode.MESSAGE_INVALID, 'malformed delivery');
    }
    const outcome = await this._host.acceptRemote(d, this._clockNow() + d.remainingMs);
    return Envelope.replyTo(env, {}, encodeOutcome(outcome));
  }

  /** Watches the consumers of `topic` (idempotent). */
  watch(topic: string): void {
    if (this._stopped || this._watches.has(topic)) {
      return;
    }
    const sub = this._registry.watch(consumerServiceName(topic), (): void => this._host.remoteConsumersChanged(topic));
    this._watches.set(topic, sub);
  }

  /** The consumers of `topic` on other devices, as the registry sees them now (usable instances only). */
  consumersOf(topic: string): RemoteConsumer[] {
    const out: RemoteConsumer[] = [];
    const instances = this._registry.discover(consumerServiceName(topic));
    for (let i = 0; i < instances.length; i++) {
      const inst: ServiceInstance = instances[i];
      if (inst.deviceId === this._deviceId) {
        continue;
      }
      const md = inst.metadata;
      const group = md['g'];
      if (group === undefined || !isGroupName(group)) {
        continue;
      }
      const prefetch = metaNumber(md['pf'], 1);
      out.push(new RemoteConsumer(inst.deviceId, group, prefetch >= 1 ? Math.floor(prefetch) : 1, metaNumber(md['v'], 0),
        metaNumber(md['x'], Infinity)));
    }
    return out;
  }

  /** Publishes (or withdraws, when `advert` is undefined) this device's consumer of (topic, group). */
  advertise(topic: string, group: string, advert: GroupAdvert | undefined): void {
    if (this._stopped) {
      return;
    }
    const key = `${topic} ${group}`;
    const previous = this._instances.get(key);
    if (previous !== undefined) {
      this._registry.deregister(previous);
      this._instances.delete(key);
    }
    if (advert === undefined) {
      return;
    }
    let id = `${consumerServiceName(topic)}~${group}@${this._deviceId}`;
    if (id.length > 128) {
      id = `mq~${(hash32(id) >>> 0).toString(16)}~${hash32(id, 0x9e3779b9) >>> 0}@${this._deviceId}`.substring(0, 128);
    }
    const metadata: Record<string, string> = {
      'g': group,
      'pf': String(advert.prefetch),
      'v': String(advert.visibilityTimeoutMs),
      'x': Number.isFinite(advert.groupExpiryMs) ? String(advert.groupExpiryMs) : 'inf'
    };
    try {
      this._registry.register({
        id: id, serviceName: consumerServiceName(topic), version: '1.0.0', deviceId: this._deviceId,
        deviceType: this._deviceType, metadata: metadata
      });
      this._instances.set(key, id);
    } catch (e) {
      this._logger.warn('messaging: could not advertise a consumer', { 'topic': topic, 'group': group, 'error': (e as Error).message });
    }
  }

  /** Sends a delivery to `deviceId` and resolves with its outcome (transport failures resolve GONE or TIMEOUT). */
  send(deviceId: string, m: StoredMessage, group: string, count: number, deadline: number): Promise<DeliveryOutcome> {
    const now = this._clockNow();
    const body: JsonValue = encodeDelivery(m, group, count, Math.max(0, deadline - now));
    return this._transport.request(deviceId, MQ_DELIVER_TOPIC, body, undefined, deadline + REQUEST_GRACE_MS)
      .then((res: Envelope): DeliveryOutcome => decodeOutcome(res.body), (e: Error): DeliveryOutcome =>
        MeshError.hasCode(e, ErrorCode.TIMEOUT) ? DeliveryOutcome.TIMEOUT : DeliveryOutcome.GONE);
  }

  /** Stops: withdraws this device's consumers (unless crashed) and unsubscribes. */
  stop(withdraw: boolean): void {
    if (this._stopped) {
      return;
    }
    this._stopped = true;
    if (withdraw) {
      for (const id of this._instances.values()) {
        this._registry.deregister(id);
      }
    }
    this._instances.clear();
    for (const w of this._watches.values()) {
      w.dispose();
    }
    this._watches.clear();
    for (const s of this._subscriptions) {
      s.dispose();
    }
  }
}
