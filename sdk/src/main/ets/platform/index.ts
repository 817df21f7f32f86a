export type { Clock, Scheduler, TimerId, TimerCallback } from './Clock';
export { SystemClock } from './SystemClock';
export { VirtualClock, microtaskSettle, DEFAULT_VIRTUAL_EPOCH, DEFAULT_SETTLE_TURNS } from './VirtualClock';
export type { VirtualClockOptions, Settle } from './VirtualClock';
export type { Random } from './Random';
export { SeededRandom } from './SeededRandom';
export { CryptoRandom } from './CryptoRandom';
export type { EntropyFill } from './CryptoRandom';
export type { Crypto } from './crypto/Crypto';
export { HashName, KeyFormat } from './crypto/CryptoTypes';
export type {
  KeyAlgorithm, SignAlgorithm, KeyGenAlgorithm, KeyAlgorithmInfo, CryptoKeyHandle, CryptoKeyPairHandle
} from './crypto/CryptoTypes';
export type { Jwk } from './crypto/Jwk';
export { SubtleCrypto } from './crypto/SubtleCrypto';
export type { SubtleLike } from './crypto/SubtleCrypto';
export { WriteOp, MAX_KEY_LENGTH } from './store/KeyValueStore';
export type { KeyValueStore, KeyValueEntry } from './store/KeyValueStore';
export { MemoryStore } from './store/MemoryStore';
export type { MemoryStoreStats } from './store/MemoryStore';
export { LogLevel, parseLogLevel, logLevelName } from './logging/Logger';
export type { Logger, LogFields, LogValue, LogRecord } from './logging/Logger';
export { RecordLogger } from './logging/RecordLogger';
export type { LogSink, LogTime } from './logging/RecordLogger';
export { ConsoleLogger } from './logging/ConsoleLogger';
export { MemoryLogger } from './logging/MemoryLogger';
export { NoopLogger } from './logging/NoopLogger';
