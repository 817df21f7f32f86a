import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Headers } from '../../core/headers/Headers';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';

/** Default request id header. */
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';
/** Longest incoming request id that is trusted. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** Options of a {@link RequestIdMiddleware}. */
export interface RequestIdOptions {
  /** Header carrying the id. Default {@link DEFAULT_REQUEST_ID_HEADER}. */
  header?: string;
  /** Keep a well-formed id the caller sent (1-128 chars of `A-Za-z0-9._:-`). Default true. */
  trustIncoming?: boolean;
  /** Echo the id on the response. Default true. */
  echo?: boolean;
}

const isIdChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 58 || c === 95;

const wellFormed = (id: string): boolean => {
  if (id.length === 0 || id.length > MAX_REQUEST_ID_LENGTH) {
    return false;
  }
  for (let i = 0; i < id.length; i++) {
    if (!isIdChar(id.charCodeAt(i))) {
      return false;
    }
  }
  return true;
};

/**
 * Gives every request an id: the caller's when trusted and well-formed, else a random UUID from the
 * gateway's Random. Sets `ctx.requestId` (error bodies and access logs show it), forwards it to the
 * upstream in the request header and echoes it on the response.
 */
export class RequestIdMiddleware implements GatewayMiddleware {
  readonly name: string = 'request-id';
  private readonly _header: string;
  private readonly _trust: boolean;
  private readonly _echo: boolean;

  constructor(options?: RequestIdOptions) {
    this._header = (options?.header ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase();
    if (!Headers.isValidName(this._header)) {
      throw new InvalidArgumentError('options.header', 'must be a valid header name');
    }
    this._trust = options?.trustIncoming ?? true;
    this._echo = options?.echo ?? true;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const incoming = ctx.request.headers.get(this._header);
    const id = this._trust && incoming !== undefined && wellFormed(incoming) ? incoming : ctx.ids.uuid();
    ctx.requestId = id;
    ctx.request.headers.set(this._header, id);
    await next();
    const res = ctx.response;
    if (this._echo && res !== undefined) {
      res.headers.set(this._header, id);
    }
  }
}
