/** What the gateway reports once per handled request (`Gateway.onExchange`): for the simulator and metrics. */
export interface GatewayExchange {
  requestId: string | undefined;
  method: string;
  path: string;
  /** The matched route's id, or undefined when nothing matched. */
  routeId: string | undefined;
  /** The service the request went to (after splits), or '' when it was not routed. */
  service: string;
  status: number;
  /** The error code of an error response, undefined on success. */
  errorCode: string | undefined;
  clientKey: string;
  /** Clock time the request arrived, and how long it took (Clock ms). */
  startTime: number;
  durationMs: number;
  /** Upstream attempts made (retries included). */
  attempts: number;
}
