import { RecordedEvent } from '../RecordedEvent';

/**
 * Where `EventStore.publishTo` forwards recorded events, one at a time, in global order, at least
 * once: {@link EventBusPublisher} puts them on the mesh's EventBus; an app may implement its own
 * (an HTTP webhook, another store). `publish` resolves once the event is durably handed over; a
 * rejection is retried (the publication's checkpoint does not move past an unpublished event).
 */
export interface EventPublisher {
  publish(event: RecordedEvent): Promise<void>;
}
