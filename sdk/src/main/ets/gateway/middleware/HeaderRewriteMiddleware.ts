import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Headers } from '../../core/headers/Headers';
import { GatewayContext } from '../GatewayContext';
import { GatewayMiddleware, GatewayNext } from '../GatewayMiddleware';

/**
 * Header edits, applied in the order remove, set, append. Values may use placeholders filled per
 * request: `{requestId}`, `{clientKey}`, `{deviceId}`, `{routeId}`, `{service}`, `{version}` and
 * `{param.<name>}` (a route parameter); unknown or missing ones become ''.
 */
export interface HeaderRules {
  remove?: string[];
  set?: Record<string, string>;
  /** Appended to an existing value with `, `, or set when absent. */
  append?: Record<string, string>;
}

/** Options of a {@link HeaderRewriteMiddleware}. */
export interface HeaderRewriteOptions {
  /** Edits of the request, before it goes on. */
  request?: HeaderRules;
  /** Edits of the response (error responses included), on the way back. */
  response?: HeaderRules;
}

const PLACEHOLDER = new RegExp('\\{([A-Za-z]+(?:\\.[A-Za-z0-9_*]+)?)\\}', 'g');
const UNSAFE_VALUE_CHARS = new RegExp('[\\r\\n\\u0000]', 'g');

const checkRules = (rules: HeaderRules | undefined, field: string): void => {
  if (rules === undefined) {
    return;
  }
  for (const name of rules.remove ?? []) {
    if (!Headers.isValidName(name)) {
      throw new InvalidArgumentError(`${field}.remove`, `'${name}' is not a header name`);
    }
  }
  const records: (Record<string, string> | undefined)[] = [rules.set, rules.append];
  for (const rec of records) {
    if (rec === undefined) {
      continue;
    }
    for (const name of Object.keys(rec)) {
      const v = rec[name];
      if (!Headers.isValidName(name) || typeof v !== 'string' || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
        throw new InvalidArgumentError(`${field}.${name}`, 'needs a valid header name and a value without CR/LF');
      }
    }
  }
};

/** Sets, appends and removes request and response headers, per route or globally. */
export class HeaderRewriteMiddleware implements GatewayMiddleware {
  readonly name: string = 'header-rewrite';
  private readonly _request: HeaderRules | undefined;
  private readonly _response: HeaderRules | undefined;

  constructor(options: HeaderRewriteOptions) {
    if (options === undefined || (options.request === undefined && options.response === undefined)) {
      throw new InvalidArgumentError('options', 'give request rules, response rules or both');
    }
    checkRules(options.request, 'options.request');
    checkRules(options.response, 'options.response');
    this._request = options.request;
    this._response = options.response;
  }

  async handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    if (this._request !== undefined) {
      this.apply(ctx, this._request, ctx.request.headers);
    }
    await next();
    const res = ctx.response;
    if (this._response !== undefined && res !== undefined) {
      this.apply(ctx, this._response, res.headers);
    }
  }

  private apply(ctx: GatewayContext, rules: HeaderRules, headers: Headers): void {
    for (const name of rules.remove ?? []) {
      headers.delete(name);
    }
    const set = rules.set;
    if (set !== undefined) {
      for (const name of Object.keys(set)) {
        headers.set(name, this.fill(ctx, set[name]));
      }
    }
    const append = rules.append;
    if (append !== undefined) {
      for (const name of Object.keys(append)) {
        const v = this.fill(ctx, append[name]);
        const old = headers.get(name);
        headers.set(name, old !== undefined && old.length > 0 ? `${old}, ${v}` : v);
      }
    }
  }

  private fill(ctx: GatewayContext, template: string): string {
    if (template.indexOf('{') < 0) {
      return template;
    }
    return template.replace(PLACEHOLDER, (whole: string, key: string): string => {
      let v: string | undefined;
      if (key.startsWith('param.')) {
        v = ctx.param(key.substring(6));
      } else if (key === 'requestId') {
        v = ctx.requestId;
      } else if (key === 'clientKey') {
        v = ctx.clientKey;
      } else if (key === 'deviceId') {
        v = ctx.deviceId;
      } else if (key === 'routeId') {
        v = ctx.routeId;
      } else if (key === 'service') {
        v = ctx.target.service;
      } else if (key === 'version') {
        v = ctx.target.version;
      }
      // Values come from the request: strip what a header value may not hold.
      return (v ?? '').replace(UNSAFE_VALUE_CHARS, '');
    });
  }
}
