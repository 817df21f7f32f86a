// The renderer's one seam to the SDK (the npm face of the same sources the engine runs). The app
// uses only ports and types from it (KeyValueStore, MemoryStore, WriteOp); all mesh logic stays in
// the SDK and the engine.
export { MemoryStore, WriteOp, InvalidArgumentError, MAX_KEY_LENGTH, spanKindName, SpanStatusCode } from '../../sdk/src/npm/index';
export type { KeyValueEntry, KeyValueStore } from '../../sdk/src/npm/index';
