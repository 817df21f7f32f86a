// The order example on a SimNetwork: the shop app on the phone orchestrates; inventory on the
// tablet, payment on the watch, shipping on the pc. Each device keeps its MemoryStore across
// crashes (its disk); a restarted device gets a new MeshNode (and new service objects) over it.
import { MemoryStore, type KeyValueStore } from '../../sdk/src/main/ets/platform/index';
import type { LinkConditionsInit } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import {
  OrderInventoryService, OrderPaymentService, OrderShippingService, SagaOrchestrator, orderSagaDefinition,
  type OrderSagaOptions, type SagaDefinition, type SagaOrchestratorOptions,
} from '../../sdk/src/main/ets/saga/index';
import { MeshCluster } from '../mesh/meshCluster';

export const PARTICIPANTS = ['tablet', 'watch', 'pc'] as const;
export type Participant = typeof PARTICIPANTS[number];

export class OrderMesh {
  readonly cluster: MeshCluster;
  readonly def: SagaDefinition;
  orch!: SagaOrchestrator;
  inventory!: OrderInventoryService;
  payment!: OrderPaymentService;
  shipping!: OrderShippingService;
  /** Executions reported stuck (onStuck) in any life of the phone. */
  readonly stuck = new Set<string>();
  /** Every life of the orchestrator, oldest first. */
  readonly lives: SagaOrchestrator[] = [];
  /** Wraps the phone's store for the orchestrator (crash injection); identity by default. */
  wrapStore: (store: KeyValueStore) => KeyValueStore = (s) => s;
  shippingAvailable = true;

  constructor(seed: string, readonly sagaOptions: OrderSagaOptions = {}, conditions?: LinkConditionsInit,
    readonly orchestratorOptions: Partial<SagaOrchestratorOptions> = {}) {
    this.cluster = new MeshCluster({
      seed, conditions,
      node: { defaultTimeoutMs: 3000, membership: { probeIntervalMs: 500, probeTimeoutMs: 200, suspicionMultiplier: 3 } },
    });
    this.def = orderSagaDefinition(sagaOptions);
  }

  get clock() { return this.cluster.clock; }

  store(id: string): MemoryStore {
    return this.cluster.stores.get(id)!;
  }

  /** Creates (not starts) the phone and its orchestrator. */
  addPhone(): MeshNode {
    const node = this.cluster.add('phone', 'phone');
    const orch = new SagaOrchestrator({
      node, store: this.wrapStore(this.store('phone')), definitions: [this.def], ...this.orchestratorOptions,
    });
    orch.onStuck((t) => this.stuck.add(t.executionId));
    this.orch = orch;
    this.lives.push(orch);
    return node;
  }

  /** Creates (not starts) a participant device with its service over the device's store. */
  addParticipant(id: Participant): MeshNode {
    const node = this.cluster.add(id, id === 'pc' ? 'pc' : id);
    const store = this.store(id);
    if (id === 'tablet') (this.inventory = new OrderInventoryService(store, this.clock)).provide(node);
    if (id === 'watch') (this.payment = new OrderPaymentService(store, this.clock)).provide(node);
    if (id === 'pc') {
      this.shipping = new OrderShippingService(store, this.clock);
      this.shipping.available = this.shippingAvailable;
      this.shipping.provide(node);
    }
    return node;
  }

  async boot(): Promise<void> {
    this.addPhone();
    for (const p of PARTICIPANTS) this.addParticipant(p);
    await this.cluster.startAll();
    await this.cluster.until(() => this.phoneSeesAll(), 20000);
    if (!this.phoneSeesAll()) throw new Error('mesh did not converge');
  }

  phoneSeesAll(): boolean {
    const phone = this.cluster.nodes.get('phone');
    return phone !== undefined && ['inventory', 'payment', 'shipping'].every((s) => phone.registry.discover(s).length === 1);
  }

  crash(id: string): void {
    this.cluster.crash(id);
  }

  /** Restarts a crashed device; the phone also recovers its sagas. */
  async restart(id: string): Promise<void> {
    if (id === 'phone') {
      const node = this.addPhone();
      await node.start();
      // Let membership find the services again before resuming (else the first attempts find no instance).
      await this.cluster.until(() => this.phoneSeesAll() || node.state !== 'running', 5000, 50);
      if (node.state === 'running') await this.orch.recover();
    } else {
      await this.addParticipant(id as Participant).start();
    }
  }

  setShippingAvailable(available: boolean): void {
    this.shippingAvailable = available;
    if (this.shipping) this.shipping.available = available;
  }
}
