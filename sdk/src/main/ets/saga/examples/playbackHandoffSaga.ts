import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { SagaAction } from '../SagaAction';
import { SagaDefinition } from '../SagaDefinition';
import { SagaDefinitionBuilder } from '../SagaDefinitionBuilder';
import { SagaStepContext } from '../SagaStepContext';
import { HANDOFF_PHONE_SERVICE, HANDOFF_TV_SERVICE, HandoffPhoneService } from './PlaybackServices';

/** Name of the playback hand-off saga. */
export const PLAYBACK_HANDOFF_SAGA_NAME = 'playback-handoff';
/** Default whole-saga time limit of a hand-off: 10 s until the TV plays. */
export const DEFAULT_HANDOFF_TIMEOUT_MS = 10000;
/** Default time limit of one call of the hand-off: 1.5 s. */
export const DEFAULT_HANDOFF_STEP_TIMEOUT_MS = 1500;

/** Options of {@link playbackHandoffDefinition}; every field optional. */
export interface PlaybackHandoffOptions {
  timeoutMs?: number;
  stepTimeoutMs?: number;
}

const sessionBody = (ctx: SagaStepContext): JsonValue => {
  const o: Record<string, JsonValue> = { 'session': ctx.saga.requireInputString('session') };
  return o as JsonObject;
};

const loadBody = (ctx: SagaStepContext): JsonValue => {
  const o: Record<string, JsonValue> = {
    'session': ctx.saga.requireInputString('session'),
    'track': ctx.saga.requireOutputString('snapshot-phone', 'track'),
    'positionMs': ctx.saga.requireOutputNumber('snapshot-phone', 'positionMs')
  };
  return o as JsonObject;
};

/**
 * Moves playback from the phone (the orchestrator, which also hosts `media.phone`) to the TV
 * (`media.tv`): in parallel, reserve the TV (`/reserve` ↔ `/release`) and snapshot the phone
 * player (a local step); then transfer the state to the TV (`/load` ↔ `/unload`); then start
 * the TV (`/play`, the pivot; `/stop` only undoes a start whose outcome is unknown); then stop
 * the phone (`/stop`, retried until it succeeds). If anything before the TV plays fails, the TV
 * is released and the phone keeps playing. Input: `{ session }` (see {@link playbackHandoffInput}).
 */
export const playbackHandoffDefinition = (phone: HandoffPhoneService, options?: PlaybackHandoffOptions): SagaDefinition => {
  const stepMs = options?.stepTimeoutMs ?? DEFAULT_HANDOFF_STEP_TIMEOUT_MS;
  return new SagaDefinitionBuilder(PLAYBACK_HANDOFF_SAGA_NAME, 1)
    .describe('move playback from the phone to the TV')
    .parallel([
      {
        name: 'reserve-tv', timeoutMs: stepMs,
        action: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/reserve', body: sessionBody }),
        compensation: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/release', body: sessionBody })
      },
      { name: 'snapshot-phone', action: phone.snapshotAction() }
    ])
    .step({
      name: 'transfer-state', timeoutMs: stepMs,
      action: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/load', body: loadBody }),
      compensation: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/unload', body: sessionBody })
    })
    .pivot({
      name: 'start-tv', timeoutMs: stepMs,
      action: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/play', body: sessionBody }),
      compensation: SagaAction.call(HANDOFF_TV_SERVICE, { path: '/stop', body: sessionBody })
    })
    .step({
      name: 'stop-phone', timeoutMs: stepMs,
      action: SagaAction.call(HANDOFF_PHONE_SERVICE, { path: '/stop', body: sessionBody })
    })
    .timeout(options?.timeoutMs ?? DEFAULT_HANDOFF_TIMEOUT_MS)
    .build();
};

/** The input of one hand-off. */
export const playbackHandoffInput = (session: string): JsonObject => {
  const o: Record<string, JsonValue> = { 'session': session };
  return o as JsonObject;
};
