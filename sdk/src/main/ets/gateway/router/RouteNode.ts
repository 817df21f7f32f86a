import { HandlerStore } from './HandlerStore';

/**
 * A node of the radix tree. A node matches its `prefix` literally; its static children are found by
 * the char code that follows, in a dense table spanning the codes in use (one array read, no Map);
 * after the prefix, a node may also have a regex-constrained parameter child, a plain parameter
 * child (both match one whole segment; their nodes have an empty prefix) and a wildcard. Routes that
 * end here are in `handlers`, routes that end in the wildcard in `wildcard`.
 *
 * One class for every kind of node keeps the lookup monomorphic.
 */
export class RouteNode<T> {
  prefix: string;
  /** Char code of table[0]. */
  base: number = 0;
  table: (RouteNode<T> | undefined)[] | undefined = undefined;
  regexParam: RouteNode<T> | undefined = undefined;
  /** Anchored (`^(?:...)$`) regex of `regexParam`. */
  regex: RegExp | undefined = undefined;
  regexSource: string | undefined = undefined;
  param: RouteNode<T> | undefined = undefined;
  wildcard: HandlerStore<T> | undefined = undefined;
  handlers: HandlerStore<T> | undefined = undefined;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** The static child whose prefix starts with char code `c`. */
  child(c: number): RouteNode<T> | undefined {
    const table = this.table;
    if (table === undefined) {
      return undefined;
    }
    const i = c - this.base;
    return i >= 0 && i < table.length ? table[i] : undefined;
  }

  /** Sets the static child for char code `c`, growing the table as needed. */
  setChild(c: number, node: RouteNode<T>): void {
    const table = this.table;
    if (table === undefined) {
      this.base = c;
      this.table = [node];
      return;
    }
    const lo = Math.min(this.base, c);
    const hi = Math.max(this.base + table.length - 1, c);
    if (lo === this.base && hi === this.base + table.length - 1) {
      table[c - lo] = node;
      return;
    }
    const grown: (RouteNode<T> | undefined)[] = [];
    for (let k = lo; k <= hi; k++) {
      const i = k - this.base;
      grown.push(i >= 0 && i < table.length ? table[i] : undefined);
    }
    grown[c - lo] = node;
    this.base = lo;
    this.table = grown;
  }

  /** Static children in char-code order. */
  staticChildren(): RouteNode<T>[] {
    const out: RouteNode<T>[] = [];
    const table = this.table;
    if (table !== undefined) {
      for (const n of table) {
        if (n !== undefined) {
          out.push(n);
        }
      }
    }
    return out;
  }
}
