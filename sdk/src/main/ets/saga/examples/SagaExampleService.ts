import { ErrorCode } from '../../core/errors/ErrorCode';
import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MeshError } from '../../core/errors/MeshError';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { ServiceHandler } from '../../mesh/Interceptors';
import { MeshNode } from '../../mesh/MeshNode';
import { ProvideOptions } from '../../mesh/ProvideOptions';
import { ServiceContext } from '../../mesh/ServiceContext';
import { ServiceRegistration } from '../../mesh/ServiceRegistration';
import { Clock } from '../../platform/Clock';
import { KeyValueStore } from '../../platform/store/KeyValueStore';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { asJsonObject } from '../SagaContext';
import { SagaParticipant } from '../SagaParticipant';
import { SagaStepRejectedError } from '../errors/SagaStepRejectedError';

/** A required string field of a request body; InvalidArgumentError (answered 400) otherwise. */
export const bodyString = (body: JsonObject, key: string): string => {
  const v = body[key];
  if (typeof v !== 'string' || v.length === 0) {
    throw new InvalidArgumentError(`body.${key}`, 'must be a non-empty string');
  }
  return v;
};

/** A required non-negative integer field of a request body; InvalidArgumentError (answered 400) otherwise. */
export const bodyCount = (body: JsonObject, key: string): number => {
  const v = body[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new InvalidArgumentError(`body.${key}`, 'must be an integer >= 0');
  }
  return v;
};

const json = (status: number, body: JsonValue): MeshResponse => new MeshResponse({ status: status, body: body });

const errorBody = (message: string): JsonValue => {
  const o: Record<string, JsonValue> = { 'error': message };
  return o as JsonObject;
};

/**
 * The shape of the example saga participants: a mesh service whose requests carry a saga step's
 * idempotency key, handled one at a time through a {@link SagaParticipant} ledger in the device's
 * store. Answers 200 with the result, 409 for a refusal, 400 for bad input or a missing key, 404
 * for an unknown path, 503 while `available` is false (an outage the simulator can switch on).
 */
export abstract class SagaExampleService {
  readonly serviceName: string;
  readonly store: KeyValueStore;
  readonly ledger: SagaParticipant;
  /** False: every request is answered 503 (transient, retried by the saga). */
  available: boolean = true;
  /** Requests handled (any answer), for tests and the simulator. */
  handled: number = 0;
  /** The mesh handler (`node.provide(service.serviceName, service.handler)`). */
  readonly handler: ServiceHandler;
  protected readonly clock: Clock | undefined;
  private _tail: Promise<void> = Promise.resolve();

  constructor(serviceName: string, store: KeyValueStore, clock?: Clock) {
    this.serviceName = serviceName;
    this.store = store;
    this.clock = clock;
    this.ledger = new SagaParticipant(store, serviceName, clock);
    this.handler = (request: MeshRequest, ctx: ServiceContext): Promise<MeshResponse> => this.handle(request);
  }

  /** Provides the service on `node`. */
  provide(node: MeshNode, options?: ProvideOptions): ServiceRegistration {
    return node.provide(this.serviceName, this.handler, options);
  }

  /** Handles one request (after every earlier one: the services keep counters in the store). */
  handle(request: MeshRequest): Promise<MeshResponse> {
    const run = this._tail.then((): Promise<MeshResponse> => this.answer(request));
    this._tail = run.then((r: MeshResponse): void => {}, (e: Error): void => {});
    return run;
  }

  /** Applies one routed request; throw SagaStepRejectedError to refuse it. */
  protected abstract route(path: string, body: JsonObject, key: string): Promise<JsonValue>;

  private async answer(request: MeshRequest): Promise<MeshResponse> {
    this.handled++;
    if (!this.available) {
      return json(503, errorBody(`${this.serviceName} is unavailable`));
    }
    const key = SagaParticipant.keyOf(request);
    if (key === undefined) {
      return json(400, errorBody('a saga call needs an idempotency-key header'));
    }
    const raw = request.body;
    const body = raw === undefined || raw instanceof Uint8Array ? undefined : asJsonObject(raw as JsonValue);
    try {
      return json(200, await this.route(request.path, body ?? ({} as JsonObject), key));
    } catch (e) {
      if (e instanceof SagaStepRejectedError) {
        return json(e.status >= 400 && e.status < 500 ? e.status : 409, errorBody(e.message));
      }
      if (e instanceof MeshError && e.code === ErrorCode.INVALID_ARGUMENT) {
        return json(400, errorBody(e.message));
      }
      throw e as Error;
    }
  }
}
