import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

/** No route matches the request's method and path (`ERR_NO_ROUTE`, 404). */
export class RouteNotFoundError extends GatewayError {
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string) {
    super(ErrorCode.NO_ROUTE, `no route for ${method} ${path.length > 200 ? path.substring(0, 200) + '...' : path}`);
    this.name = 'RouteNotFoundError';
    this.method = method;
    this.path = path;
  }
}
