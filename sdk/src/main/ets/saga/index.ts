// The public names of the saga module (listed by hand: no `export *` inside modules).
export {
  SagaStatus, SagaStepStatus, SagaStepKind, SAGA_STATUSES, SAGA_STEP_STATUSES, isFinalSagaStatus, isSettledSagaStatus,
  parseSagaStatus, parseSagaStepStatus
} from './SagaStatus';
export { SagaTransition, SagaTransitionType, SagaErrorInfo, parseSagaTransitionType } from './SagaTransition';
export { SagaContext } from './SagaContext';
export {
  SagaStepContext, SAGA_IDEMPOTENCY_HEADER, SAGA_EXECUTION_HEADER, SAGA_STEP_HEADER, SAGA_COMPENSATION_HEADER,
  SAGA_TRACEPARENT_HEADER
} from './SagaStepContext';
export type { SagaCallFunction } from './SagaStepContext';
export { SagaAction, SagaActionKind, DEFAULT_SAGA_CALL_METHOD, checkSagaResponse } from './SagaAction';
export type { SagaStepHandler, SagaBodyBuilder, SagaResultMapper, SagaCallSpec } from './SagaAction';
export {
  DEFAULT_SAGA_STEP_MAX_ATTEMPTS, DEFAULT_SAGA_RETRIABLE_MAX_ATTEMPTS, DEFAULT_SAGA_COMPENSATION_MAX_ATTEMPTS,
  DEFAULT_SAGA_RETRY_INITIAL_DELAY_MS, DEFAULT_SAGA_COMPENSATION_INITIAL_DELAY_MS, DEFAULT_SAGA_RETRY_MAX_DELAY_MS,
  DEFAULT_SAGA_STEP_TIMEOUT_MS, isSagaStepRetryable, retryEveryError
} from './SagaRetryOptions';
export type { SagaRetryOptions } from './SagaRetryOptions';
export { SagaStep, SagaStage } from './SagaStep';
export type { SagaStepSpec } from './SagaStep';
export { SagaDefinition } from './SagaDefinition';
export { SagaDefinitionBuilder, MAX_SAGA_NAME_LENGTH } from './SagaDefinitionBuilder';
export type { SagaStepDefaults } from './SagaDefinitionBuilder';
export { SagaExecution, SagaStepState } from './SagaExecution';
export { SagaRecoveryReport } from './SagaRecoveryReport';
export { MAX_SAGA_IDEMPOTENCY_KEY_LENGTH, MAX_SAGA_EXECUTION_ID_LENGTH } from './SagaOrchestratorOptions';
export type { SagaOrchestratorOptions, SagaStartOptions } from './SagaOrchestratorOptions';
export { DEFAULT_SAGA_KEY_PREFIX } from './internal/SagaLog';
export { sagaIdempotencyKey } from './internal/ExecutionRunner';
export { SagaOrchestrator } from './SagaOrchestrator';
export {
  SagaParticipant, SagaParticipantEffect, SagaLedgerState, SagaLedgerEntry
} from './SagaParticipant';
export type { SagaParticipantApply, SagaParticipantUndo } from './SagaParticipant';
export { SagaDefinitionError } from './errors/SagaDefinitionError';
export { SagaNotFoundError } from './errors/SagaNotFoundError';
export { SagaInvalidStateError } from './errors/SagaInvalidStateError';
export { SagaCancelledError } from './errors/SagaCancelledError';
export { SagaStepRejectedError } from './errors/SagaStepRejectedError';
// Examples (runnable in tests and as simulator scenarios).
export { SagaExampleService } from './examples/SagaExampleService';
export {
  OrderInventoryService, OrderPaymentService, OrderShippingService, ORDER_INVENTORY_SERVICE, ORDER_PAYMENT_SERVICE,
  ORDER_SHIPPING_SERVICE
} from './examples/OrderServices';
export {
  orderSagaDefinition, orderSagaInput, ORDER_SAGA_NAME, DEFAULT_ORDER_SAGA_TIMEOUT_MS, DEFAULT_ORDER_STEP_TIMEOUT_MS
} from './examples/orderSaga';
export type { OrderSagaOptions } from './examples/orderSaga';
export {
  HandoffTvService, HandoffPhoneService, HandoffPlayerState, HANDOFF_TV_SERVICE, HANDOFF_PHONE_SERVICE
} from './examples/PlaybackServices';
export {
  playbackHandoffDefinition, playbackHandoffInput, PLAYBACK_HANDOFF_SAGA_NAME, DEFAULT_HANDOFF_TIMEOUT_MS,
  DEFAULT_HANDOFF_STEP_TIMEOUT_MS
} from './examples/playbackHandoffSaga';
export type { PlaybackHandoffOptions } from './examples/playbackHandoffSaga';
