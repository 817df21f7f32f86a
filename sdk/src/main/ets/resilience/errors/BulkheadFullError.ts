import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';

/**
 * A bulkhead rejected a call (`ERR_BULKHEAD_FULL`): every execution slot and every queue place
 * was taken. One instance per bulkhead is reused for every rejection: treat it as read-only.
 */
export class BulkheadFullError extends MeshError {
  /** Name of the bulkhead. */
  readonly bulkheadName: string;
  /** Its concurrency limit. */
  readonly maxConcurrent: number;
  /** Its queue limit. */
  readonly maxQueue: number;

  constructor(bulkheadName: string, maxConcurrent: number, maxQueue: number) {
    super(ErrorCode.BULKHEAD_FULL, `bulkhead '${bulkheadName}' is full (${maxConcurrent} running, ${maxQueue} queued)`);
    this.name = 'BulkheadFullError';
    this.bulkheadName = bulkheadName;
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
  }
}
