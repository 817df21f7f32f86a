import { Headers } from '../core/headers/Headers';
import { MeshBody } from './MeshBody';

/** Fields to build a MeshRequest from; everything but `path` is optional. */
export interface MeshRequestInit {
  /** Upper-case method; default 'GET'. */
  method?: string;
  /** Absolute path without the query, e.g. `/users/42`. Default '/'. */
  path?: string;
  /** Query parameters; a name may repeat. */
  query?: Record<string, string[]>;
  headers?: Record<string, string>;
  body?: MeshBody;
  /** Absolute deadline in epoch ms (Clock time); undefined means no deadline. */
  deadline?: number;
}

/**
 * A request as the gateway, `MeshNode.call` and service handlers see it: HTTP-shaped but
 * independent of fetch/DOM types (ArkTS has none). Travels between devices inside envelopes.
 */
export class MeshRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Headers;
  body: MeshBody;
  deadline: number | undefined;

  constructor(init?: MeshRequestInit) {
    this.method = (init?.method ?? 'GET').toUpperCase();
    this.path = init?.path ?? '/';
    this.query = init?.query ?? {};
    this.headers = Headers.from(init?.headers);
    this.body = init?.body;
    this.deadline = init?.deadline;
  }

  /** First value of a query parameter. */
  queryParam(name: string): string | undefined {
    const values = this.query[name];
    return values !== undefined && values.length > 0 ? values[0] : undefined;
  }

  /** A copy with its own headers and query (the body is shared: treat it as immutable). */
  clone(): MeshRequest {
    const copy = new MeshRequest();
    copy.method = this.method;
    copy.path = this.path;
    const query: Record<string, string[]> = {};
    for (const k of Object.keys(this.query)) {
      query[k] = this.query[k].slice();
    }
    copy.query = query;
    copy.headers = this.headers.clone();
    copy.body = this.body;
    copy.deadline = this.deadline;
    return copy;
  }
}
