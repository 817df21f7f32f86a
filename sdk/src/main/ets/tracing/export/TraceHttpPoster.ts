/** One HTTP POST an exporter wants sent. */
export interface TraceHttpRequest {
  url: string;
  /** Request headers, including `content-type`. */
  headers: Record<string, string>;
  /** The body (JSON text). */
  body: string;
}

/** What came back. */
export interface TraceHttpResponse {
  status: number;
  /** Response headers with lower-case names (`retry-after` is honoured). */
  headers?: Record<string, string>;
  /** Response body text, when there is one (OTLP partial-success details). */
  body?: string;
}

/**
 * The HTTP port the OTLP and Zipkin exporters send through (the SDK has no `fetch`): the host
 * implements it with `fetch` on Node and browsers, `@kit.NetworkKit` `http` on HarmonyOS, or a
 * simulated network in the simulator. Reject (or throw) only for network failures; HTTP error
 * statuses are resolved responses.
 */
export interface TraceHttpPoster {
  post(request: TraceHttpRequest): Promise<TraceHttpResponse>;
}
