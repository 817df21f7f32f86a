import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { RouteMatch } from './router/RouteMatch';

enum PieceKind {
  TEXT = 0,
  PARAM = 1,
  WILDCARD = 2
}

class Piece {
  readonly kind: PieceKind;
  readonly text: string;

  constructor(kind: PieceKind, text: string) {
    this.kind = kind;
    this.text = text;
  }
}

// Encodes each segment of a multi-segment value, keeping its slashes.
const encodeSegments = (value: string): string => {
  const parts = value.split('/');
  for (let i = 0; i < parts.length; i++) {
    parts[i] = encodeURIComponent(parts[i]);
  }
  return parts.join('/');
};

/**
 * How a route turns the request path into the upstream path: strip a literal prefix
 * (`stripPrefix: '/api'` makes `/api/users/1` into `/users/1`) or fill a template with the route's
 * parameters (`rewrite: '/v2/people/:id'`, `'/blobs/*'`). Parameter values are percent-encoded
 * again, so a decoded `/` or `..` can never add segments to the upstream path.
 */
export class PathRewrite {
  private readonly _prefix: string | undefined;
  private readonly _pieces: Piece[] | undefined;

  private constructor(prefix: string | undefined, pieces: Piece[] | undefined) {
    this._prefix = prefix;
    this._pieces = pieces;
  }

  /**
   * Compiles a rewrite; undefined when neither is given. Throws InvalidArgumentError when both are
   * given, when either does not start with `/`, or when the template names a parameter the route lacks.
   */
  static compile(template: string | undefined, stripPrefix: string | undefined, paramNames: string[]): PathRewrite | undefined {
    if (template !== undefined && stripPrefix !== undefined) {
      throw new InvalidArgumentError('route.target', 'give either rewrite or stripPrefix, not both');
    }
    if (stripPrefix !== undefined) {
      if (!stripPrefix.startsWith('/') || stripPrefix.length < 2) {
        throw new InvalidArgumentError('route.target.stripPrefix', 'must start with / and name a prefix');
      }
      const p = stripPrefix.endsWith('/') ? stripPrefix.substring(0, stripPrefix.length - 1) : stripPrefix;
      return new PathRewrite(p, undefined);
    }
    if (template === undefined) {
      return undefined;
    }
    if (!template.startsWith('/')) {
      throw new InvalidArgumentError('route.target.rewrite', 'must start with /');
    }
    const pieces: Piece[] = [];
    const segments = template.split('/');
    for (let i = 0; i < segments.length; i++) {
      if (i > 0) {
        pieces.push(new Piece(PieceKind.TEXT, '/'));
      }
      const seg = segments[i];
      if (seg.startsWith(':') || seg === '*') {
        const name = seg === '*' ? '*' : seg.substring(1);
        if (paramNames.indexOf(name) < 0) {
          throw new InvalidArgumentError('route.target.rewrite', `'${template}' uses ${seg}, which the route path does not define`);
        }
        pieces.push(new Piece(seg === '*' ? PieceKind.WILDCARD : PieceKind.PARAM, name));
      } else if (seg.length > 0) {
        pieces.push(new Piece(PieceKind.TEXT, seg));
      }
    }
    return new PathRewrite(undefined, pieces);
  }

  /** The upstream path for `path` (the request path) and the route match. */
  apply<T>(path: string, match: RouteMatch<T> | undefined): string {
    const prefix = this._prefix;
    if (prefix !== undefined) {
      if (path === prefix) {
        return '/';
      }
      return path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 ? path.substring(prefix.length) : path;
    }
    const pieces = this._pieces;
    if (pieces === undefined) {
      return path;
    }
    let out = '';
    for (const p of pieces) {
      if (p.kind === PieceKind.TEXT) {
        out += p.text;
      } else {
        const v = match !== undefined ? match.param(p.text) ?? '' : '';
        out += p.kind === PieceKind.WILDCARD ? encodeSegments(v) : encodeURIComponent(v);
      }
    }
    return out.length > 0 ? out : '/';
  }
}
