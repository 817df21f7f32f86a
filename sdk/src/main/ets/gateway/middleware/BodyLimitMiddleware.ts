import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { BadRequestError } from '../errors/BadRequestError';
import { RequestTooLargeError } from '../errors/RequestTooLargeError';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';
import { bodySize } from '../internal/bodySize';

/** Default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1048576;

/** Options of a {@link BodyLimitMiddleware}. */
export interface BodyLimitOptions {
  /** Largest accepted request body in bytes. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBytes?: number;
}

/**
 * Rejects requests whose body is larger than `maxBytes` with 413 ERR_PAYLOAD_TOO_LARGE, before the
 * upstream sees them: a `content-length` over the limit is rejected without measuring, otherwise
 * bytes count as they are, text and JSON as UTF-8.
 */
export class BodyLimitMiddleware implements GatewayMiddleware {
  readonly name: string = 'body-limit';
  readonly maxBytes: number;

  constructor(options?: BodyLimitOptions) {
    this.maxBytes = options?.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (!Number.isInteger(this.maxBytes) || this.maxBytes < 0) {
      throw new InvalidArgumentError('options.maxBytes', 'must be an integer >= 0');
    }
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    const declared = ctx.request.headers.get('content-length');
    if (declared !== undefined) {
      const n = Number(declared);
      if (!Number.isInteger(n) || n < 0) {
        throw new BadRequestError('content-length', `invalid content-length '${declared}'`);
      }
      if (n > this.maxBytes) {
        throw new RequestTooLargeError(n, this.maxBytes);
      }
    }
    const size = bodySize(ctx.request.body);
    if (size < 0) {
      throw new BadRequestError('body', 'the request body cannot be serialised');
    }
    if (size > this.maxBytes) {
      throw new RequestTooLargeError(size, this.maxBytes);
    }
    await next();
  }
}
