import { ErrorCode } from '../../core/errors/ErrorCode';
import { GatewayError } from './GatewayError';

const allowHeader = (allowed: string[]): Record<string, string> => {
  const h: Record<string, string> = {};
  h['allow'] = allowed.join(', ');
  return h;
};

/** The path has routes, but not for this method (`ERR_METHOD_NOT_ALLOWED`, 405 with `Allow`). */
export class MethodNotAllowedError extends GatewayError {
  readonly method: string;
  readonly allowed: string[];

  constructor(method: string, path: string, allowed: string[]) {
    super(ErrorCode.METHOD_NOT_ALLOWED, `${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
      undefined, allowHeader(allowed));
    this.name = 'MethodNotAllowedError';
    this.method = method;
    this.allowed = allowed;
  }
}
