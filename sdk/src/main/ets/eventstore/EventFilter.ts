import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { RecordedEvent } from './RecordedEvent';

/** Which events of the global log a read or a subscription wants. All fields optional: no filter = every event. */
export interface EventFilterOptions {
  /** Only these event types (exact names). Default: every type. */
  eventTypes?: string[];
  /** Only streams whose id starts with this, e.g. `order-` (a category). Default: every stream. */
  streamPrefix?: string;
  /** Leave out the store's own events (types starting with `$`, e.g. `$streamDeleted`). Default false. */
  excludeSystemEvents?: boolean;
}

/** A resolved EventFilterOptions. */
export class EventFilter {
  readonly eventTypes: Set<string> | undefined;
  readonly streamPrefix: string | undefined;
  readonly excludeSystemEvents: boolean;

  constructor(eventTypes: Set<string> | undefined, streamPrefix: string | undefined, excludeSystemEvents: boolean) {
    this.eventTypes = eventTypes;
    this.streamPrefix = streamPrefix;
    this.excludeSystemEvents = excludeSystemEvents;
  }

  /** The filter that lets everything through. */
  static readonly ALL: EventFilter = new EventFilter(undefined, undefined, false);

  /** Validates and resolves options; `field` names them in errors. */
  static from(options: EventFilterOptions | undefined, field: string): EventFilter {
    if (options === undefined) {
      return EventFilter.ALL;
    }
    let types: Set<string> | undefined = undefined;
    if (options.eventTypes !== undefined) {
      if (!Array.isArray(options.eventTypes)) {
        throw new InvalidArgumentError(`${field}.eventTypes`, 'must be an array of strings');
      }
      types = new Set<string>();
      for (let i = 0; i < options.eventTypes.length; i++) {
        const t = options.eventTypes[i];
        if (typeof t !== 'string' || t.length === 0) {
          throw new InvalidArgumentError(`${field}.eventTypes[${i}]`, 'must be a non-empty string');
        }
        types.add(t);
      }
    }
    const prefix = options.streamPrefix;
    if (prefix !== undefined && typeof prefix !== 'string') {
      throw new InvalidArgumentError(`${field}.streamPrefix`, 'must be a string');
    }
    const exclude = options.excludeSystemEvents ?? false;
    if (types === undefined && (prefix === undefined || prefix.length === 0) && !exclude) {
      return EventFilter.ALL;
    }
    return new EventFilter(types, prefix !== undefined && prefix.length > 0 ? prefix : undefined, exclude);
  }

  /** True when the filter lets every event through. */
  get all(): boolean {
    return this.eventTypes === undefined && this.streamPrefix === undefined && !this.excludeSystemEvents;
  }

  matches(event: RecordedEvent): boolean {
    if (this.excludeSystemEvents && event.isSystem) {
      return false;
    }
    if (this.eventTypes !== undefined && !this.eventTypes.has(event.type)) {
      return false;
    }
    return this.streamPrefix === undefined || event.streamId.startsWith(this.streamPrefix);
  }
}
