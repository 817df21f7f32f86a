import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * A route could not be registered because it duplicates or is ambiguous with a route already in
 * the table. Thrown at registration time (never by a lookup); `existingRouteId` names the other route.
 */
export class RouteConflictError extends MeshError {
  readonly routeId: string;
  readonly existingRouteId: string;

  constructor(routeId: string, existingRouteId: string, problem: string) {
    super(ErrorCode.ROUTE_CONFLICT, `route '${routeId}' conflicts with '${existingRouteId}': ${problem}`);
    this.name = 'RouteConflictError';
    this.routeId = routeId;
    this.existingRouteId = existingRouteId;
  }
}
