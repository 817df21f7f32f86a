/** What `SagaOrchestrator.recover()` found in the saga log and did about it. Lists hold execution ids. */
export class SagaRecoveryReport {
  /** RUNNING executions resumed forward (the interrupted step re-runs with its idempotency key). */
  readonly resumed: string[] = [];
  /** COMPENSATING executions whose compensation continues in reverse order. */
  readonly compensating: string[] = [];
  /** Executions already STUCK: left for an operator (`retry` or `resolve`). */
  readonly stuck: string[] = [];
  /** Executions whose definition version is not registered: made STUCK (`ERR_SAGA_DEFINITION`) with an event. */
  readonly unknownDefinition: string[] = [];
  /** Executions this orchestrator is already running (nothing to do). */
  readonly running: string[] = [];
  /** Records that could not be read (`ERR_STORE`); logged, left untouched. */
  readonly corrupt: string[] = [];

  /** Executions recover() set going again. */
  get restarted(): number {
    return this.resumed.length + this.compensating.length;
  }
}
