import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { JsonValue } from '../core/json/JsonValue';
import { MeshCallOptions } from '../mesh/MeshCallOptions';
import { DiscoveryFilter } from '../registry/DiscoveryFilter';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { asJsonObject } from './SagaContext';
import { SagaStepContext } from './SagaStepContext';
import { SagaStepRejectedError } from './errors/SagaStepRejectedError';

/** A step's action or compensation as a function: resolve with the step's output (JSON; `null` for none). */
export type SagaStepHandler = (ctx: SagaStepContext) => Promise<JsonValue>;

/** Builds a call's JSON body from the step context. */
export type SagaBodyBuilder = (ctx: SagaStepContext) => JsonValue;

/** Turns a successful (2xx) response into the step's output. */
export type SagaResultMapper = (response: MeshResponse, ctx: SagaStepContext) => JsonValue;

/** What a call action sends; every field optional. */
export interface SagaCallSpec {
  /** Default {@link DEFAULT_SAGA_CALL_METHOD} ('POST'). */
  method?: string;
  /** Default '/'. */
  path?: string;
  /** The request body. Default: the saga's input. */
  body?: SagaBodyBuilder;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Call time budget (the step's attempt deadline still applies). */
  timeoutMs?: number;
  /** Only instances whose version satisfies this semver range. */
  versionRange?: string;
  /** Further instance filters (device type, zone, tags). */
  filter?: DiscoveryFilter;
  /** The step's output from a 2xx response. Default: the JSON body (`null` for none or bytes). */
  result?: SagaResultMapper;
}

/** Default method of a call action. */
export const DEFAULT_SAGA_CALL_METHOD = 'POST';

/** Where an action runs. */
export enum SagaActionKind {
  /** A function on the orchestrating device. */
  LOCAL = 'local',
  /** A `MeshNode.call` to a service, on whichever device provides it. */
  CALL = 'call'
}

const messageOf = (response: MeshResponse): string => {
  const body = response.body;
  const o = body === undefined || body instanceof Uint8Array ? undefined : asJsonObject(body as JsonValue);
  if (o !== undefined) {
    const m = o['error'] ?? o['message'];
    if (typeof m === 'string') {
      return m;
    }
  }
  if (typeof response.body === 'string') {
    return response.body;
  }
  return `status ${response.status}`;
};

/**
 * Maps a call's response: 2xx is success; 408, 429 and 5xx are transient failures (`ERR_UPSTREAM`,
 * retried); any other status is a refusal ({@link SagaStepRejectedError}, not retried).
 */
export const checkSagaResponse = (service: string, response: MeshResponse): void => {
  const s = response.status;
  if (s >= 200 && s < 300) {
    return;
  }
  if (s === 408 || s === 429 || s >= 500) {
    throw new MeshError(ErrorCode.UPSTREAM, `${service} answered ${s}: ${messageOf(response)}`);
  }
  throw new SagaStepRejectedError(`${service} refused (${s}): ${messageOf(response)}`, s);
};

const defaultResult = (response: MeshResponse, ctx: SagaStepContext): JsonValue => {
  const body = response.body;
  if (body === undefined || body instanceof Uint8Array) {
    return null;
  }
  return body as JsonValue;
};

/**
 * A step's action or compensation: a local function, or a call to a mesh service. Both run with
 * a {@link SagaStepContext}; a call action sends the step's idempotency key, execution, step and
 * trace headers, and maps the response status (see {@link checkSagaResponse}).
 *
 * @example
 * SagaAction.call('inventory', { path: '/reserve', body: (ctx) => ctx.saga.input });
 * SagaAction.local(async (ctx) => ({ 'position': player.position }) as Record<string, JsonValue>);
 */
export class SagaAction {
  readonly kind: SagaActionKind;
  /** The service a call action reaches (undefined for a local action). */
  readonly service: string | undefined;
  /** A short description for logs and the simulator: `local`, or `POST inventory /reserve`. */
  readonly description: string;
  /** Runs the action once. */
  readonly run: SagaStepHandler;

  private constructor(kind: SagaActionKind, service: string | undefined, description: string, run: SagaStepHandler) {
    this.kind = kind;
    this.service = service;
    this.description = description;
    this.run = run;
  }

  /** A function run on the orchestrating device. */
  static local(handler: SagaStepHandler, description?: string): SagaAction {
    if (typeof handler !== 'function') {
      throw new InvalidArgumentError('handler', 'must be a function');
    }
    return new SagaAction(SagaActionKind.LOCAL, undefined, description ?? 'local', handler);
  }

  /** A call to `service` through the orchestrator's call function (`MeshNode.call`). */
  static call(service: string, spec?: SagaCallSpec): SagaAction {
    if (typeof service !== 'string' || service.length === 0) {
      throw new InvalidArgumentError('service', 'must be a non-empty string');
    }
    const method = (spec?.method ?? DEFAULT_SAGA_CALL_METHOD).toUpperCase();
    const path = spec?.path ?? '/';
    if (!path.startsWith('/')) {
      throw new InvalidArgumentError('spec.path', 'must start with /');
    }
    const body = spec?.body;
    const headers = spec?.headers;
    const mapper: SagaResultMapper = spec?.result ?? defaultResult;
    const options: MeshCallOptions = { timeoutMs: spec?.timeoutMs, versionRange: spec?.versionRange, filter: spec?.filter };
    const run = async (ctx: SagaStepContext): Promise<JsonValue> => {
      const request = new MeshRequest({
        method: method, path: path, headers: headers, body: body === undefined ? ctx.saga.input : body(ctx)
      });
      const response = await ctx.call(service, request, options);
      checkSagaResponse(service, response);
      return mapper(response, ctx);
    };
    return new SagaAction(SagaActionKind.CALL, service, `${method} ${service} ${path}`, run);
  }
}
