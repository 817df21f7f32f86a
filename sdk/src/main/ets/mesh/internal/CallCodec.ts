import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { Envelope } from '../../transport/Envelope';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';

/** Transport topic of service calls between nodes. */
export const MESH_CALL_TOPIC = 'mesh.call';

// Pseudo-headers: names starting with ':' never collide with real (RFC 9110 token) header names.
export const SERVICE_HEADER = ':service';
export const INSTANCE_HEADER = ':instance';
const METHOD_HEADER = ':method';
const PATH_HEADER = ':path';
const QUERY_HEADER = ':query';
const STATUS_HEADER = ':status';

const encodeQuery = (query: Record<string, string[]>): string => {
  const parts: string[] = [];
  for (const k of Object.keys(query)) {
    for (const v of query[k]) {
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    }
  }
  return parts.join('&');
};

const decodeQuery = (text: string): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const part of text.split('&')) {
    if (part.length === 0) {
      continue;
    }
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    const list = out[k];
    if (list === undefined) {
      out[k] = [v];
    } else {
      list.push(v);
    }
  }
  return out;
};

/**
 * How a MeshRequest and a MeshResponse travel in envelopes: the body as the envelope body, the
 * headers as envelope headers, and method, path, query, target service and instance (or the
 * status) as pseudo-headers. Trace context and tokens therefore cross devices untouched.
 */
export class CallCodec {
  static requestHeaders(req: MeshRequest, serviceName: string, instanceId: string): Record<string, string> {
    // A literal gives every call's header record the same shape from the start.
    const h: Record<string, string> = { ':service': serviceName, ':instance': instanceId, ':method': req.method, ':path': req.path };
    const headers = req.headers;
    if (headers.size > 0) {
      for (const name of headers.names()) {
        h[name] = headers.get(name) as string;
      }
    }
    for (const k of Object.keys(req.query)) {
      h[QUERY_HEADER] = encodeQuery(req.query);
      break;
    }
    return h;
  }

  /** Rebuilds the request on the provider; throws MeshError(ERR_BAD_REQUEST) for bad input. */
  static toRequest(env: Envelope): MeshRequest {
    const req = new MeshRequest();
    const h = env.headers;
    try {
      for (const k of Object.keys(h)) {
        if (k.charCodeAt(0) !== 58) {
          req.headers.set(k, h[k]);
        }
      }
      const q = h[QUERY_HEADER];
      if (q !== undefined) {
        req.query = decodeQuery(q);
      }
    } catch (e) {
      throw new MeshError(ErrorCode.BAD_REQUEST, `malformed call from ${env.from}: ${(e as Error).message}`);
    }
    req.method = h[METHOD_HEADER] ?? 'GET';
    req.path = h[PATH_HEADER] ?? '/';
    req.body = env.body;
    req.deadline = env.deadline;
    return req;
  }

  static responseHeaders(res: MeshResponse): Record<string, string> {
    const h: Record<string, string> = { ':status': res.status === 200 ? '200' : String(res.status) };
    const headers = res.headers;
    if (headers.size > 0) {
      for (const name of headers.names()) {
        h[name] = headers.get(name) as string;
      }
    }
    return h;
  }

  /** Rebuilds the response on the caller (headers the codec cannot accept are dropped). */
  static toResponse(env: Envelope): MeshResponse {
    const res = new MeshResponse();
    const h = env.headers;
    for (const k of Object.keys(h)) {
      if (k.charCodeAt(0) !== 58) {
        try {
          res.headers.set(k, h[k]);
        } catch (e) {
          // A header this side cannot represent is dropped rather than failing the whole call.
        }
      }
    }
    const status = Number(h[STATUS_HEADER] ?? '200');
    res.status = Number.isInteger(status) && status >= 100 && status <= 599 ? status : 502;
    res.body = env.body;
    return res;
  }
}
