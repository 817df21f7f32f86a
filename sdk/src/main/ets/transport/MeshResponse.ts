import { Headers } from '../core/headers/Headers';
import { MeshBody } from './MeshBody';

/** Fields to build a MeshResponse from. */
export interface MeshResponseInit {
  /** HTTP status; default 200. */
  status?: number;
  headers?: Record<string, string>;
  body?: MeshBody;
}

/** A response from a service handler or the gateway. */
export class MeshResponse {
  status: number;
  headers: Headers;
  body: MeshBody;

  constructor(init?: MeshResponseInit) {
    this.status = init?.status ?? 200;
    this.headers = Headers.from(init?.headers);
    this.body = init?.body;
  }

  /** True for 2xx statuses. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  static json(body: MeshBody, status?: number): MeshResponse {
    return new MeshResponse({ status: status ?? 200, body: body });
  }
}
