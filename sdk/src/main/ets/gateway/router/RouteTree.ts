import { HeaderCarrier } from '../../core/headers/Headers';
import { RouteConflictError } from '../errors/RouteConflictError';
import { HandlerStore, RouteEntry } from './HandlerStore';
import { RouteNode } from './RouteNode';
import { RoutePartKind, RoutePattern } from './RoutePattern';

/** Per-lookup scratch space shared by a router's trees: parameter slices and the request headers. */
export class MatchScratch {
  /** Start and end index of each captured parameter, in capture order. */
  stack: number[] = [];
  headers: HeaderCarrier | undefined = undefined;
  /** Set when a scanned parameter holds '%' or NUL (maybe on a branch that later failed). */
  dirty: boolean = false;

  /** Makes room for `params` parameters. */
  reserve(params: number): void {
    while (this.stack.length < 2 * params + 2) {
      this.stack.push(0);
    }
  }
}

const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * The radix tree of one method (or of the routes for every method). Fully static routes are also
 * kept in a hash map, so the commonest lookup is one Map read.
 */
export class RouteTree<T> {
  readonly method: string;
  readonly root: RouteNode<T> = new RouteNode<T>('');
  /** Handler stores of fully static paths, keyed by the normalised path (case-sensitive routers only). */
  readonly statics: Map<string, HandlerStore<T>> = new Map<string, HandlerStore<T>>();
  /** staticLengths[n] is true when some static route is n characters long: skips most hash misses. */
  readonly staticLengths: boolean[] = [];
  private readonly _ci: boolean;
  private readonly _s: MatchScratch;

  constructor(method: string, caseSensitive: boolean, scratch: MatchScratch) {
    this.method = method;
    this._ci = !caseSensitive;
    this._s = scratch;
  }

  /**
   * Inserts a route entry along `pattern`. With `emptyWildcard` (ignoreTrailingSlash), a wildcard
   * route also ends at its prefix without the final `/`. Throws RouteConflictError on a duplicate
   * or an ambiguous regex parameter.
   */
  insert(pattern: RoutePattern, entry: RouteEntry<T>, emptyWildcard: RouteEntry<T> | undefined): void {
    let node = this.root;
    const parts = pattern.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part.kind === RoutePartKind.STATIC) {
        const last = i + 1 < parts.length && parts[i + 1].kind === RoutePartKind.WILDCARD;
        if (last && emptyWildcard !== undefined && !(node === this.root && part.text.length === 1)) {
          const prefixNode = this.insertStatic(node, part.text.substring(0, part.text.length - 1));
          prefixNode.handlers = prefixNode.handlers ?? new HandlerStore<T>();
          prefixNode.handlers.add(emptyWildcard);
        }
        node = this.insertStatic(node, part.text);
      } else if (part.kind === RoutePartKind.PARAM) {
        node = this.paramChild(node, part.regex, entry);
      } else {
        node.wildcard = node.wildcard ?? new HandlerStore<T>();
        node.wildcard.add(entry);
        return;
      }
    }
    node.handlers = node.handlers ?? new HandlerStore<T>();
    node.handlers.add(entry);
    if (pattern.isStatic && !this._ci) {
      const text = parts[0].text;
      this.statics.set(text, node.handlers);
      while (this.staticLengths.length <= text.length) {
        this.staticLengths.push(false);
      }
      this.staticLengths[text.length] = true;
    }
  }

  private paramChild(node: RouteNode<T>, regex: string | undefined, entry: RouteEntry<T>): RouteNode<T> {
    if (regex === undefined) {
      node.param = node.param ?? new RouteNode<T>('');
      return node.param;
    }
    const existing = node.regexParam;
    if (existing !== undefined) {
      if (node.regexSource !== regex) {
        throw new RouteConflictError(entry.route.id, this.ownerOf(existing),
          `ambiguous: parameters constrained by different regexes (${node.regexSource} and ${regex}) at the same position`);
      }
      return existing;
    }
    const child = new RouteNode<T>('');
    node.regexParam = child;
    node.regexSource = regex;
    node.regex = new RegExp(`^(?:${regex})$`);
    return child;
  }

  // Some route below `node`, to name in a conflict message.
  private ownerOf(node: RouteNode<T>): string {
    const stores: (HandlerStore<T> | undefined)[] = [node.handlers, node.wildcard];
    for (const s of stores) {
      if (s !== undefined && s.entries.length > 0) {
        return s.entries[0].route.id;
      }
    }
    const next: (RouteNode<T> | undefined)[] = [node.regexParam, node.param];
    for (const c of node.staticChildren()) {
      next.push(c);
    }
    for (const c of next) {
      if (c !== undefined) {
        return this.ownerOf(c);
      }
    }
    return '?';
  }

  // Radix insertion of literal text below `start`; returns the node that ends exactly at its end.
  private insertStatic(start: RouteNode<T>, text: string): RouteNode<T> {
    let node = start;
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const child = node.child(c);
      if (child === undefined) {
        const created = new RouteNode<T>(text.substring(i));
        node.setChild(c, created);
        return created;
      }
      const prefix = child.prefix;
      let j = 1;
      while (j < prefix.length && i + j < text.length && prefix.charCodeAt(j) === text.charCodeAt(i + j)) {
        j++;
      }
      if (j < prefix.length) {
        // Split: `mid` keeps the common part, `child` keeps the rest below it.
        const mid = new RouteNode<T>(prefix.substring(0, j));
        child.prefix = prefix.substring(j);
        mid.setChild(child.prefix.charCodeAt(0), child);
        node.setChild(c, mid);
        node = mid;
      } else {
        node = child;
      }
      i += j;
    }
    return node;
  }

  /**
   * The most specific entry matching `path[0, end)`, or undefined. Parameter slices are left in the
   * scratch stack, in capture order. Allocates nothing except for regex parameters.
   */
  match(path: string, end: number): RouteEntry<T> | undefined {
    // Every route starts with '/': start at the root's only child, one call less per lookup.
    const table = this.root.table;
    const top = table !== undefined ? table[0] : undefined;
    if (top === undefined || end === 0 || path.charCodeAt(0) !== 47) {
      return undefined;
    }
    return this.matchNode(top, path, 0, end, 0);
  }

  // This is the hot path of every lookup -- change with care, and run the router benchmark.
  // Depth-first: static child, then regex parameter, then parameter, then wildcard, backtracking on a
  // miss, so the first hit is the most specific route (the documented match order). Where a node
  // leaves nothing to backtrack to, the descent is a loop iteration instead of a call.
  private matchNode(first: RouteNode<T>, path: string, start: number, end: number, firstDepth: number): RouteEntry<T> | undefined {
    const s = this._s;
    let node = first;
    let pos = start;
    let depth = firstDepth;
    for (;;) {
      const prefix = node.prefix;
      const plen = prefix.length;
      if (plen > 1) {
        if (pos + plen > end) {
          return undefined;
        }
        // The parent already matched the first character through its child table.
        // A char-code loop: measured faster than startsWith (a builtin call) for these short prefixes.
        if (this._ci) {
          for (let i = 1; i < plen; i++) {
            if (lowerAscii(path.charCodeAt(pos + i)) !== prefix.charCodeAt(i)) {
              return undefined;
            }
          }
        } else {
          for (let i = 1; i < plen; i++) {
            if (path.charCodeAt(pos + i) !== prefix.charCodeAt(i)) {
              return undefined;
            }
          }
        }
      }
      pos += plen;
      if (pos === end) {
        const here = node.handlers;
        if (here !== undefined) {
          const e = here.select(s.headers);
          if (e !== undefined) {
            if (e.emptyWildcard) {
              s.stack[2 * depth] = pos;
              s.stack[2 * depth + 1] = pos;
            }
            return e;
          }
        }
        return node.wildcard === undefined ? undefined : this.matchWildcard(node, pos, end, depth);
      }
      let c = path.charCodeAt(pos);
      if (this._ci) {
        c = lowerAscii(c);
      }
      const rp = node.regexParam;
      const pp = node.param;
      const wild = node.wildcard;
      const params = c !== 47 && (rp !== undefined || pp !== undefined);
      const table = node.table;
      if (table !== undefined) {
        const k = c - node.base;
        const child = k >= 0 && k < table.length ? table[k] : undefined;
        if (child !== undefined) {
          if (!params && wild === undefined) {
            node = child;
            continue;
          }
          const r = this.matchNode(child, path, pos, end, depth);
          if (r !== undefined) {
            return r;
          }
        }
      }
      if (params) {
        // One pass finds the segment's end and notes '%' or NUL, which the match must then check.
        let seg = pos + 1;
        while (seg < end) {
          const ch = path.charCodeAt(seg);
          if (ch === 47) {
            break;
          }
          if (ch === 37 || ch === 0) {
            s.dirty = true;
          }
          seg++;
        }
        if (c === 37 || c === 0) {
          s.dirty = true;
        }
        // Written before descending: a failed branch is overwritten by the next one at this depth.
        s.stack[2 * depth] = pos;
        s.stack[2 * depth + 1] = seg;
        if (rp !== undefined && node.regex !== undefined && node.regex.test(path.substring(pos, seg))) {
          const r = this.matchNode(rp, path, seg, end, depth + 1);
          if (r !== undefined) {
            return r;
          }
        }
        if (pp !== undefined) {
          // Inlined parameter node: it ends here (handlers) or continues with its one '/' child.
          if (seg === end) {
            const h = pp.handlers;
            const e = h !== undefined ? h.select(s.headers) : undefined;
            if (e !== undefined) {
              if (e.emptyWildcard) {
                s.stack[2 * depth + 2] = seg;
                s.stack[2 * depth + 3] = seg;
              }
              return e;
            }
          } else {
            const pt = pp.table;
            const next = pt !== undefined ? pt[0] : undefined;
            if (next !== undefined) {
              if (wild === undefined) {
                node = next;
                pos = seg;
                depth++;
                continue;
              }
              const r = this.matchNode(next, path, seg, end, depth + 1);
              if (r !== undefined) {
                return r;
              }
            }
          }
        }
      }
      return wild === undefined ? undefined : this.matchWildcard(node, pos, end, depth);
    }
  }

  private matchWildcard(node: RouteNode<T>, pos: number, end: number, depth: number): RouteEntry<T> | undefined {
    const w = node.wildcard;
    if (w === undefined) {
      return undefined;
    }
    const e = w.select(this._s.headers);
    if (e !== undefined) {
      this._s.stack[2 * depth] = pos;
      this._s.stack[2 * depth + 1] = end;
    }
    return e;
  }
}
