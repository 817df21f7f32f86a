import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { HeaderCarrier, Headers } from '../../core/headers/Headers';
import { RouteConflictError } from '../errors/RouteConflictError';
import { HostConstraint } from './constraints/HostConstraint';
import { RouteConstraint } from './constraints/RouteConstraint';
import { VersionConstraint } from './constraints/VersionConstraint';
import { describeTrees } from './describeTrees';
import { RouteEntry } from './HandlerStore';
import { BadPathReason, PathValidator } from './PathValidator';
import { ALL_METHODS, Route } from './Route';
import { RouteLookup } from './RouteLookup';
import { RouteMatch } from './RouteMatch';
import { collapseSlashes, RoutePattern } from './RoutePattern';
import { ResolvedRouterOptions, RouterOptions } from './RouterOptions';
import { MatchScratch, RouteTree } from './RouteTree';

/** What {@link Router.add} registers. */
export interface RouteDefinition<T> {
  /** Unique id; default `METHODS path` plus the constraints, e.g. `GET /users/:id`. */
  id?: string;
  /** An upper-case method, several, or `ALL` (the default). */
  method?: string | string[];
  /** The pattern: `/users/:id`, `/users/:id(^\\d+$)`, `/files/*`. */
  path: string;
  /** Constraint values by strategy name: `{ 'host': 'tv.local', 'version': '2.0.0' }`. */
  constraints?: Record<string, string>;
  /** What a match returns (for the gateway: the route's target and middleware). */
  data: T;
}

/**
 * A radix-tree router (after find-my-way). Routes have static segments, named parameters with an
 * optional regex, a trailing wildcard, methods (or `ALL`) and constraints (host, version, custom).
 *
 * Match order, at every segment: static text, then a regex parameter, then a plain parameter, then
 * the wildcard, backtracking when a branch fails further down; so `/users/new` beats `/users/:id`
 * beats `/users/*`. A method-specific route beats an `ALL` route at the same path; among routes at
 * the same path, the one with the most satisfied constraints wins (then the highest version).
 *
 * Registration fails loudly (InvalidArgumentError for a malformed pattern, RouteConflictError for a
 * duplicate or ambiguous route); lookups never throw. `find` is the allocation-free hot path;
 * `lookup` also tells 404 from 405 from 400.
 *
 * @example
 * const router = new Router<string>();
 * router.add({ method: 'GET', path: '/users/:id', data: 'users' });
 * router.find('GET', '/users/42')?.param('id'); // '42'
 */
export class Router<T> {
  private readonly _o: ResolvedRouterOptions;
  private readonly _strategies: Map<string, RouteConstraint> = new Map<string, RouteConstraint>();
  private _trees: Map<string, RouteTree<T>> = new Map<string, RouteTree<T>>();
  private _anyTree: RouteTree<T>;
  private _getTree: RouteTree<T> | undefined = undefined;
  private readonly _routes: Map<string, Route<T>> = new Map<string, Route<T>>();
  private readonly _s: MatchScratch = new MatchScratch();
  private readonly _validator: PathValidator = new PathValidator();
  private _seq: number = 0;
  private _bad: BadPathReason | undefined = undefined;
  // Hot-path copies of the options.
  private readonly _useStatics: boolean;
  private readonly _trailing: boolean;
  private readonly _dupSlashes: boolean;
  private readonly _maxPath: number;
  private readonly _maxParam: number;

  constructor(options?: RouterOptions) {
    this._o = ResolvedRouterOptions.from(options);
    const builtIn: RouteConstraint[] = [new HostConstraint(), new VersionConstraint()];
    for (const s of builtIn.concat(this._o.constraints)) {
      this._strategies.set(s.name, s);
    }
    this._anyTree = new RouteTree<T>(ALL_METHODS, this._o.caseSensitive, this._s);
    this._useStatics = this._o.caseSensitive;
    this._trailing = this._o.ignoreTrailingSlash;
    this._dupSlashes = this._o.ignoreDuplicateSlashes;
    this._maxPath = this._o.maxPathLength;
    this._maxParam = this._o.maxParamLength;
    this._s.reserve(8);
  }

  /** The resolved options. */
  get options(): ResolvedRouterOptions {
    return this._o;
  }

  /** Number of registered routes. */
  get size(): number {
    return this._routes.size;
  }

  /**
   * Registers a route. Throws InvalidArgumentError (malformed pattern, method or constraint) or
   * RouteConflictError (same id, or same method, path shape and constraints as a registered route,
   * or a different regex parameter at the same position); the table is unchanged on failure.
   */
  add(def: RouteDefinition<T>): Route<T> {
    const methods = normalizeMethods(def.method);
    const o = this._o;
    const pattern = RoutePattern.parse(def.path, o.caseSensitive, o.ignoreTrailingSlash, o.ignoreDuplicateSlashes, 'route.path');
    const constraints: Record<string, string> = {};
    const names = def.constraints !== undefined ? Object.keys(def.constraints).sort() : [];
    for (const name of names) {
      const strategy = this._strategies.get(name);
      if (strategy === undefined) {
        throw new InvalidArgumentError(`route.constraints.${name}`, `unknown constraint (known: ${Array.from(this._strategies.keys()).join(', ')})`);
      }
      const raw = def.constraints !== undefined ? def.constraints[name] : undefined;
      if (typeof raw !== 'string') {
        throw new InvalidArgumentError(`route.constraints.${name}`, 'must be a string');
      }
      constraints[name] = strategy.normalize(raw);
    }
    const id = def.id ?? defaultId(methods, def.path, names, constraints);
    if (id.length === 0) {
      throw new InvalidArgumentError('route.id', 'must not be empty');
    }
    if (this._routes.has(id)) {
      throw new RouteConflictError(id, id, 'a route with this id is already registered');
    }
    const route = new Route<T>(id, methods, def.path, pattern, constraints, def.data);
    try {
      this.insertRoute(route);
    } catch (e) {
      this.rebuild();
      throw e as Error;
    }
    this._routes.set(id, route);
    this._s.reserve(pattern.paramNames.length);
    return route;
  }

  /** Removes a route by id; false when there is none. */
  remove(id: string): boolean {
    if (!this._routes.delete(id)) {
      return false;
    }
    this.rebuild();
    return true;
  }

  /** Removes every route. */
  clear(): void {
    this._routes.clear();
    this.rebuild();
  }

  get(id: string): Route<T> | undefined {
    return this._routes.get(id);
  }

  has(id: string): boolean {
    return this._routes.has(id);
  }

  /** Registered routes in registration order. */
  routes(): Route<T>[] {
    return Array.from(this._routes.values());
  }

  /**
   * The best route for an upper-case `method` and a path (no query), or undefined: on a miss, and
   * for a malformed path or parameter (`lookup` says which). `headers` feed the constraints.
   */
  find(method: string, path: string, headers?: HeaderCarrier): RouteMatch<T> | undefined {
    this._bad = undefined;
    if (path.length > this._maxPath) {
      this._bad = BadPathReason.PATH_TOO_LONG;
      return undefined;
    }
    let p = path;
    if (this._dupSlashes && p.indexOf('//') >= 0) {
      p = collapseSlashes(p);
    }
    let end = p.length;
    if (this._trailing && end > 1 && p.charCodeAt(end - 1) === 47) {
      end--;
    }
    // GET dominates: one string compare instead of a Map read.
    let tree = method === 'GET' ? this._getTree : this._trees.get(method);
    if (tree === undefined) {
      tree = this._anyTree;
    }
    const lens = tree.staticLengths;
    if (this._useStatics && end === p.length && end < lens.length && lens[end]) {
      const store = tree.statics.get(p);
      if (store !== undefined) {
        const hit = store.select(headers);
        if (hit !== undefined && hit.staticMatch !== undefined) {
          return hit.staticMatch;
        }
      }
    }
    this._s.headers = headers;
    this._s.dirty = false;
    const entry = tree.match(p, end);
    this._s.headers = undefined;
    return entry === undefined ? undefined : this.build(entry, p);
  }

  /** Like `find`, but says why nothing matched: 400 (malformed path), 405 (other methods match) or 404. */
  lookup(method: string, path: string, headers?: HeaderCarrier): RouteLookup<T> {
    const m = this.find(method, path, headers);
    if (m !== undefined) {
      return RouteLookup.found<T>(m);
    }
    const bad = this._bad ?? PathValidator.check(path, this._maxPath);
    if (bad !== undefined) {
      return RouteLookup.badRequest<T>(bad);
    }
    const allowed = this.allowedMethods(path, headers);
    return allowed.length > 0 ? RouteLookup.methodNotAllowed<T>(allowed) : RouteLookup.notFound<T>();
  }

  /** The methods with a route for `path` (sorted; `ALL` routes are not listed). */
  allowedMethods(path: string, headers?: HeaderCarrier): string[] {
    const out: string[] = [];
    for (const method of Array.from(this._trees.keys())) {
      if (this.find(method, path, headers) !== undefined) {
        out.push(method);
      }
    }
    return out.sort();
  }

  /** A text dump of the trees, one per method, for debugging (like find-my-way's prettyPrint). */
  describe(): string {
    const trees: RouteTree<T>[] = [this._anyTree];
    for (const t of Array.from(this._trees.values())) {
      trees.push(t);
    }
    return describeTrees<T>(trees);
  }

  private build(entry: RouteEntry<T>, path: string): RouteMatch<T> | undefined {
    const sm = entry.staticMatch;
    if (sm !== undefined) {
      return sm;
    }
    const n = entry.paramCount;
    const wildcardAt = entry.wildcardAt;
    const stack = this._s.stack;
    const values: string[] = new Array<string>(n);
    // The tree noted '%' or NUL while scanning parameters: without them the slices need no
    // decoding, only the length and dot-segment checks. (A wildcard's rest is always checked.)
    const plain = !this._s.dirty;
    for (let i = 0; i < n; i++) {
      const s = stack[2 * i];
      const e = stack[2 * i + 1];
      let v: string | undefined;
      if (!plain) {
        v = this._validator.value(path.substring(s, e), i === wildcardAt ? 0 : this._maxParam, i === wildcardAt);
      } else if (i === wildcardAt) {
        v = this._validator.value(path.substring(s, e), 0, true);
      } else {
        const len = e - s;
        if (len > this._maxParam) {
          this._bad = BadPathReason.PARAM_TOO_LONG;
          return undefined;
        }
        if (len <= 2 && path.charCodeAt(s) === 46 && (len === 1 || path.charCodeAt(s + 1) === 46)) {
          this._bad = BadPathReason.DOT_SEGMENT;
          return undefined;
        }
        v = path.substring(s, e);
      }
      if (v === undefined) {
        this._bad = this._validator.reason;
        return undefined;
      }
      values[i] = v;
    }
    return new RouteMatch<T>(entry.route, values);
  }

  private treeFor(method: string): RouteTree<T> {
    const existing = this._trees.get(method);
    if (existing !== undefined) {
      return existing;
    }
    const tree = new RouteTree<T>(method, this._o.caseSensitive, this._s);
    // A new method tree starts with every ALL route, so ALL routes answer this method too.
    for (const r of Array.from(this._routes.values())) {
      if (r.allMethods) {
        this.insertInto(tree, r, false);
      }
    }
    this._trees.set(method, tree);
    if (method === 'GET') {
      this._getTree = tree;
    }
    return tree;
  }

  private insertRoute(route: Route<T>): void {
    if (route.allMethods) {
      this.insertInto(this._anyTree, route, false);
      for (const tree of Array.from(this._trees.values())) {
        this.insertInto(tree, route, false);
      }
      return;
    }
    for (const m of route.methods) {
      this.insertInto(this.treeFor(m), route, true);
    }
  }

  private insertInto(tree: RouteTree<T>, route: Route<T>, methodSpecific: boolean): void {
    const names = Object.keys(route.constraints).sort();
    const strategies: RouteConstraint[] = [];
    const values: string[] = [];
    for (const name of names) {
      const s = this._strategies.get(name);
      if (s !== undefined) {
        strategies.push(s);
        values.push(route.constraints[name]);
      }
    }
    const seq = this._seq++;
    const entry = new RouteEntry<T>(route, strategies, values, methodSpecific, false, seq);
    const empty = this._o.ignoreTrailingSlash && route.pattern.hasWildcard
      ? new RouteEntry<T>(route, strategies, values, methodSpecific, true, seq) : undefined;
    tree.insert(route.pattern, entry, empty);
  }

  // Rebuilds every tree from the route table (after a removal or a failed registration).
  private rebuild(): void {
    this._trees = new Map<string, RouteTree<T>>();
    this._getTree = undefined;
    this._anyTree = new RouteTree<T>(ALL_METHODS, this._o.caseSensitive, this._s);
    this._seq = 0;
    for (const r of Array.from(this._routes.values())) {
      this.insertRoute(r);
    }
  }
}

const normalizeMethods = (method: string | string[] | undefined): string[] => {
  const list: string[] = method === undefined ? [ALL_METHODS] : typeof method === 'string' ? [method] : method.slice();
  if (list.length === 0) {
    throw new InvalidArgumentError('route.method', 'must name at least one method');
  }
  const out: string[] = [];
  for (const m of list) {
    if (typeof m !== 'string' || !Headers.isValidName(m)) {
      throw new InvalidArgumentError('route.method', `'${m}' is not a method name`);
    }
    const upper = m.toUpperCase();
    if (out.indexOf(upper) < 0) {
      out.push(upper);
    }
  }
  if (out.length > 1 && out.indexOf(ALL_METHODS) >= 0) {
    throw new InvalidArgumentError('route.method', `${ALL_METHODS} cannot be combined with other methods`);
  }
  return out;
};

const defaultId = (methods: string[], path: string, names: string[], constraints: Record<string, string>): string => {
  let id = `${methods.join(',')} ${path}`;
  if (names.length > 0) {
    const parts: string[] = [];
    for (const n of names) {
      parts.push(`${n}=${constraints[n]}`);
    }
    id += ` [${parts.join(',')}]`;
  }
  return id;
};
