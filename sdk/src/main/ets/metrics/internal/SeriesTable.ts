import { MetricLabels, OVERFLOW_LABEL_KEY } from '../MetricLabels';

/** Creates the series of a label set. `key` is the canonical label key; `overflow` marks the overflow series. */
export type SeriesFactory<S> = (labels: MetricLabels, key: string, overflow: boolean) => S;

/** Stands for a declared label key missing from a label set. */
const ABSENT = '\u0000';

/** One step of a label path: a key or a value, depending on depth. */
class LabelNode<S> {
  children: Map<string, LabelNode<S>> | undefined = undefined;
  series: S | undefined = undefined;

  child(step: string): LabelNode<S> | undefined {
    return this.children === undefined ? undefined : this.children.get(step);
  }
}

/** The canonical key of a label set: keys sorted, each key and value length-prefixed (unambiguous). */
export const canonicalLabelKey = (labels: MetricLabels): string => {
  const keys = Object.keys(labels).sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const v = labels[keys[i]];
    out += `${keys[i].length}:${keys[i]}=${v.length}:${v};`;
  }
  return out;
};

/**
 * The series of one instrument, found by label set, with a cardinality limit: past `limit - 1`
 * distinct label sets, new ones fold into one overflow series (`otel.metric.overflow=true`) and are
 * counted, so memory never grows without bound.
 *
 * Lookups walk a tree of Maps instead of building a string key. With declared label keys the tree
 * has one level per key and a lookup allocates nothing; without, the tree alternates key and value
 * levels in the order the caller wrote them (an attribute-key cache: each call site's key order
 * gets its own path to the shared series), and a lookup allocates only `Object.keys`.
 */
export class SeriesTable<S> {
  private readonly _keys: string[] | undefined;
  private readonly _limit: number;
  private readonly _factory: SeriesFactory<S>;
  private readonly _root: LabelNode<S> = new LabelNode<S>();
  private readonly _byKey: Map<string, S> = new Map<string, S>();
  private readonly _series: S[] = [];
  private _overflow: S | undefined = undefined;
  private _folded: number = 0;
  private _nodes: number = 0;
  private readonly _nodeBudget: number;

  constructor(labelKeys: string[] | undefined, limit: number, factory: SeriesFactory<S>) {
    this._keys = labelKeys;
    this._limit = limit;
    this._factory = factory;
    this._nodeBudget = limit * 16;
  }

  /** Distinct label sets kept (the overflow series excluded). */
  get size(): number {
    return this._series.length;
  }

  /** Lookups that were folded into the overflow series. */
  get folded(): number {
    return this._folded;
  }

  /** Every series, the overflow series last. */
  all(): S[] {
    const out = this._series.slice();
    if (this._overflow !== undefined) {
      out.push(this._overflow);
    }
    return out;
  }

  /** The series of `labels` (created on first use). Hot path. */
  get(labels: MetricLabels | undefined): S {
    const keys = this._keys;
    if (keys !== undefined) {
      let node: LabelNode<S> | undefined = this._root;
      for (let i = 0; i < keys.length && node !== undefined; i++) {
        const v: string | undefined = labels === undefined ? undefined : labels[keys[i]];
        node = node.child(v === undefined ? ABSENT : v);
      }
      const found = node === undefined ? undefined : node.series;
      return found !== undefined ? found : this.createDeclared(labels, keys);
    }
    if (labels === undefined) {
      const s = this._root.series;
      return s !== undefined ? s : this.createDynamic({}, []);
    }
    const names = Object.keys(labels);
    let node: LabelNode<S> | undefined = this._root;
    for (let i = 0; i < names.length && node !== undefined; i++) {
      node = node.child(names[i]);
      if (node !== undefined) {
        node = node.child(labels[names[i]]);
      }
    }
    const found = node === undefined ? undefined : node.series;
    return found !== undefined ? found : this.createDynamic(labels, names);
  }

  private createDeclared(labels: MetricLabels | undefined, keys: string[]): S {
    const kept: MetricLabels = {};
    // Own keys only: a declared key such as 'constructor' must not read Object.prototype.
    const own = new Set<string>(labels === undefined ? [] : Object.keys(labels));
    for (let i = 0; i < keys.length; i++) {
      const v: string | undefined = labels === undefined || !own.has(keys[i]) ? undefined : labels[keys[i]];
      if (v !== undefined) {
        kept[keys[i]] = String(v);
      }
    }
    const series = this.seriesFor(kept);
    if (series === undefined) {
      return this.overflow();
    }
    let node = this._root;
    for (let i = 0; i < keys.length; i++) {
      const v: string | undefined = kept[keys[i]];
      node = this.step(node, v === undefined ? ABSENT : v);
    }
    node.series = series;
    return series;
  }

  private createDynamic(labels: MetricLabels, names: string[]): S {
    const kept: MetricLabels = {};
    for (let i = 0; i < names.length; i++) {
      const v: string | undefined = labels[names[i]];
      if (v !== undefined) {
        kept[names[i]] = String(v);
      }
    }
    const series = this.seriesFor(kept);
    if (series === undefined) {
      return this.overflow();
    }
    if (this._nodes + names.length * 2 <= this._nodeBudget) {
      let node = this._root;
      for (let i = 0; i < names.length; i++) {
        node = this.step(this.step(node, names[i]), labels[names[i]]);
      }
      node.series = series;
    }
    return series;
  }

  /** The series of a canonical label set, created if the limit allows; undefined when it does not. */
  private seriesFor(kept: MetricLabels): S | undefined {
    const key = canonicalLabelKey(kept);
    const existing = this._byKey.get(key);
    if (existing !== undefined) {
      return existing;
    }
    if (this._series.length >= this._limit - 1) {
      return undefined;
    }
    const series = this._factory(kept, key, false);
    this._byKey.set(key, series);
    this._series.push(series);
    return series;
  }

  private overflow(): S {
    this._folded++;
    let s = this._overflow;
    if (s === undefined) {
      const labels: MetricLabels = {};
      labels[OVERFLOW_LABEL_KEY] = 'true';
      s = this._factory(labels, canonicalLabelKey(labels), true);
      this._overflow = s;
    }
    return s;
  }

  private step(node: LabelNode<S>, step: string): LabelNode<S> {
    let children = node.children;
    if (children === undefined) {
      children = new Map<string, LabelNode<S>>();
      node.children = children;
    }
    let next = children.get(step);
    if (next === undefined) {
      next = new LabelNode<S>();
      children.set(step, next);
      this._nodes++;
    }
    return next;
  }
}
