import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonObject } from '../../core/json/JsonValue';
import { CircuitBreakerSnapshot } from '../CircuitBreakerTypes';
import { CircuitState } from '../CircuitState';
import { readInt, readObject, readString, readTime } from './snapshotFields';

const STATES: Map<string, CircuitState> = new Map<string, CircuitState>([
  [CircuitState.CLOSED, CircuitState.CLOSED], [CircuitState.OPEN, CircuitState.OPEN],
  [CircuitState.HALF_OPEN, CircuitState.HALF_OPEN], [CircuitState.FORCED_OPEN, CircuitState.FORCED_OPEN],
  [CircuitState.DISABLED, CircuitState.DISABLED]
]);
const PREFIX = 'snapshot';

/** A breaker snapshot after validation. */
export class ParsedBreakerSnapshot {
  readonly state: CircuitState;
  readonly openUntil: number;
  readonly openCount: number;
  readonly lastTransitionAt: number;
  readonly window: JsonObject;

  constructor(state: CircuitState, openUntil: number, openCount: number, lastTransitionAt: number, window: JsonObject) {
    this.state = state;
    this.openUntil = openUntil;
    this.openCount = openCount;
    this.lastTransitionAt = lastTransitionAt;
    this.window = window;
  }
}

/**
 * Validates a snapshot that may come from storage (untrusted JSON): every field is checked and a
 * bad one throws InvalidArgumentError naming it (`snapshot.openUntil`).
 */
export function parseBreakerSnapshot(snapshot: CircuitBreakerSnapshot): ParsedBreakerSnapshot {
  const raw = snapshot as Object as JsonObject;
  if (raw === null || raw === undefined || typeof raw !== 'object' || raw['version'] !== 1) {
    throw new InvalidArgumentError('snapshot.version', 'must be 1');
  }
  const state = STATES.get(readString(raw, PREFIX, 'state'));
  if (state === undefined) {
    throw new InvalidArgumentError('snapshot.state', 'must be a CircuitState value');
  }
  const openUntil = readTime(raw, PREFIX, 'openUntil');
  if (state === CircuitState.OPEN && !Number.isFinite(openUntil)) {
    throw new InvalidArgumentError('snapshot.openUntil', 'must be a finite time when open');
  }
  return new ParsedBreakerSnapshot(state, openUntil, readInt(raw, PREFIX, 'openCount', 1000000),
    readTime(raw, PREFIX, 'lastTransitionAt'), readObject(raw, PREFIX, 'window'));
}
