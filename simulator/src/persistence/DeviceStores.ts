import { IdbStore } from './IdbStore';
import type { StoreBackend } from './StoreBackend';

/** What a checkpoint records next to the devices' data: which run the data belongs to. */
export interface CheckpointMeta {
  /** The scenario's name. */
  scenario: string;
  /** A hash of the scenario's text: data of another scenario version is not reused. */
  scenarioHash: string;
  /** Virtual ms of the run when the checkpoint was taken. */
  time: number;
  /** Wall-clock ms (epoch) of the checkpoint. */
  savedAt: number;
}

/** Counts shown by the storage inspector. */
export interface DeviceStoreStats {
  devices: number;
  keys: number;
  pendingWrites: number;
  checkpoints: number;
}

interface Entry {
  key: string;
  value: string;
}

const META_KEY = 'meta';
const DEVICE_DIR = 'dev/';

/**
 * The durable stores of every simulated device of one run, under one key namespace of a backend
 * (IndexedDB in the app). Each device gets an {@link IdbStore} in `checkpoint` mode: its writes
 * resolve at once (so a run stays deterministic on its VirtualClock), and `checkpoint()` commits
 * every device's pending writes plus the run's meta in ONE transaction. What IndexedDB holds is
 * therefore always the state of the whole world at one moment, as a crash of the whole app at
 * that moment would leave it. After a page reload, `open()` hands each device the data of the last
 * checkpoint (its queued messages and saga logs), as if the app had restarted.
 *
 * A simulation that is rebuilt (reset, backward seek) starts again from the data the namespace had
 * when it was opened: `rewind()` puts every device back to it.
 */
export class DeviceStores {
  readonly namespace: string;
  private readonly _backend: StoreBackend;
  /** Each device's data when the run started (loaded by `open`, emptied by `startEmpty`). */
  private readonly _initial = new Map<string, Entry[]>();
  private _stores = new Map<string, IdbStore>();
  private _meta: CheckpointMeta | undefined;
  /** The next checkpoint rewrites the namespace from memory instead of committing journals. */
  private _rewrite = false;
  private _tail: Promise<void> = Promise.resolve();
  private _checkpoints = 0;

  private constructor(backend: StoreBackend, namespace: string) {
    this._backend = backend;
    this.namespace = namespace;
  }

  /** Opens the namespace and loads what the last checkpoint left there. */
  static async open(backend: StoreBackend, namespace: string): Promise<DeviceStores> {
    const stores = new DeviceStores(backend, namespace);
    const devicePrefix = namespace + DEVICE_DIR;
    for (const [key, value] of await backend.load(namespace)) {
      if (key === namespace + META_KEY) {
        stores._meta = parseMeta(value);
      } else if (key.startsWith(devicePrefix)) {
        const rest = key.slice(devicePrefix.length);
        const slash = rest.indexOf('/');
        if (slash <= 0) continue;
        const device = decodeURIComponent(rest.slice(0, slash));
        let list = stores._initial.get(device);
        if (list === undefined) stores._initial.set(device, (list = []));
        list.push({ key: rest.slice(slash + 1), value });
      }
    }
    return stores;
  }

  /** The meta of the last checkpoint (found by `open`, or written since). */
  get meta(): CheckpointMeta | undefined {
    return this._meta;
  }

  /** Devices that had data when the run started. */
  initialDevices(): string[] {
    return [...this._initial.keys()].sort();
  }

  /** Keys all devices had when the run started. */
  initialKeyCount(): number {
    let n = 0;
    for (const list of this._initial.values()) n += list.length;
    return n;
  }

  /** Forgets the loaded data: the run starts with empty devices (the namespace is rewritten at the next checkpoint). */
  startEmpty(): void {
    this._initial.clear();
    this.rewind();
  }

  /** Puts every device back to its data at the start of the run (a rebuilt simulation). */
  rewind(): void {
    this._stores = new Map();
    this._rewrite = true;
  }

  /** The store of `device` (the same object until `rewind`: it outlives the device's crashes). */
  store(device: string): IdbStore {
    let s = this._stores.get(device);
    if (s === undefined) {
      s = new IdbStore(this._backend, this.prefixOf(device), this._initial.get(device) ?? [], { durability: 'checkpoint' });
      this._stores.set(device, s);
    }
    return s;
  }

  /** The stores handed out since the last rewind. */
  stores(): ReadonlyMap<string, IdbStore> {
    return this._stores;
  }

  /**
   * Commits every device's writes so far and `meta` in one transaction (after earlier
   * checkpoints); resolves when it is durable. The writes are taken when this is called.
   */
  checkpoint(meta: CheckpointMeta): Promise<void> {
    const metaPut: [string, string] = [this.namespace + META_KEY, JSON.stringify(meta)];
    let puts: Array<[string, string]>;
    const deletes: string[] = [];
    let clearPrefix: string | undefined;
    if (this._rewrite) {
      this._rewrite = false;
      clearPrefix = this.namespace;
      puts = [metaPut];
      for (const [device, list] of this._initial) {
        if (this._stores.has(device)) continue;
        for (const e of list) puts.push([this.prefixOf(device) + e.key, e.value]);
      }
      for (const s of this._stores.values()) {
        s.takeJournal();
        for (const e of s.dump()) puts.push([s.prefix + e.key, e.value]);
      }
    } else {
      puts = [metaPut];
      for (const s of this._stores.values()) {
        const j = s.takeJournal();
        for (const p of j.puts) puts.push(p);
        for (const d of j.deletes) deletes.push(d);
      }
    }
    const next = this._tail.then(async (): Promise<void> => {
      try {
        await this._backend.commit(puts, deletes, clearPrefix);
        this._meta = meta;
        this._checkpoints++;
      } catch (e) {
        // Later checkpoints may already hold newer writes: rewrite everything from memory next time.
        this._rewrite = true;
        throw e;
      }
    });
    this._tail = next.catch((): void => undefined);
    return next;
  }

  /** Deletes the namespace (a factory reset of every device). */
  async clear(): Promise<void> {
    await this._tail;
    this._initial.clear();
    this._stores = new Map();
    this._meta = undefined;
    this._rewrite = false;
    await this._backend.clear(this.namespace);
  }

  stats(): DeviceStoreStats {
    let keys = 0;
    let pending = 0;
    for (const [device, list] of this._initial) if (!this._stores.has(device)) keys += list.length;
    for (const s of this._stores.values()) {
      keys += s.size;
      pending += s.pendingWrites;
    }
    const devices = new Set([...this._initial.keys(), ...this._stores.keys()]).size;
    return { devices, keys, pendingWrites: pending, checkpoints: this._checkpoints };
  }

  private prefixOf(device: string): string {
    return `${this.namespace}${DEVICE_DIR}${encodeURIComponent(device)}/`;
  }
}

const parseMeta = (text: string): CheckpointMeta | undefined => {
  try {
    const v = JSON.parse(text) as Partial<CheckpointMeta>;
    if (typeof v.scenario === 'string' && typeof v.scenarioHash === 'string' && typeof v.time === 'number' && typeof v.savedAt === 'number') {
      return { scenario: v.scenario, scenarioHash: v.scenarioHash, time: v.time, savedAt: v.savedAt };
    }
  } catch {
    // A damaged meta record means no usable checkpoint.
  }
  return undefined;
};
