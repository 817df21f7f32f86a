/** The names of the instruments RedMetrics creates (and the label keys each carries). */
export enum RedMetricName {
  /** Counter {service, device, outcome, code}: calls by outcome ('ok' | 'error') and error code. */
  CALLS = 'mesh.call.requests',
  /** Histogram ms {service, device, outcome}, windowed: call latency. */
  CALL_DURATION = 'mesh.call.duration',
  /** Counter {route, method, status_class}: gateway requests by status class ('2xx' .. '5xx'). */
  ROUTE_REQUESTS = 'mesh.gateway.requests',
  /** Histogram ms {route, status_class}, windowed: gateway latency. */
  ROUTE_DURATION = 'mesh.gateway.duration',
  /** Counter {topic}: messages published. */
  QUEUE_PUBLISHED = 'mesh.queue.published',
  /** Counter {topic, group, outcome}: deliveries by outcome (delivered, acked, retried, dead_lettered). */
  QUEUE_DELIVERIES = 'mesh.queue.deliveries',
  /** Histogram ms {topic, group}: publish-to-ack latency. */
  QUEUE_ACK_LATENCY = 'mesh.queue.ack.latency',
  /** Observable gauge {topic, group}: messages waiting. */
  QUEUE_DEPTH = 'mesh.queue.depth',
  /** Observable gauge ms {topic, group}: age of the oldest waiting message. */
  QUEUE_OLDEST_AGE = 'mesh.queue.oldest_age',
  /** Gauge {breaker, state}: 1 for the breaker's current state, 0 for the states it left. */
  BREAKER_STATE = 'mesh.breaker.state',
  /** Counter {breaker, from, to}: state transitions. */
  BREAKER_TRANSITIONS = 'mesh.breaker.transitions',
  /** Counter {breaker}: calls rejected by an open breaker. */
  BREAKER_REJECTIONS = 'mesh.breaker.rejections',
  /** Counter {service}: retry attempts (beyond the first attempt). */
  RETRIES = 'mesh.retry.attempts',
  /** Counter {service}: retries refused because the retry budget was spent. */
  RETRY_BUDGET_EXHAUSTED = 'mesh.retry.budget_exhausted',
  /** Counter {saga, outcome}: finished sagas by outcome. */
  SAGAS = 'mesh.saga.completed',
  /** Histogram ms {saga, outcome}: saga duration. */
  SAGA_DURATION = 'mesh.saga.duration',
  /** Gauge {state}: members alive, suspect and dead as this node sees them. */
  MEMBERS = 'mesh.membership.members',
  /** Counter {state}: membership changes into each state. */
  MEMBER_TRANSITIONS = 'mesh.membership.transitions',
  /** Counter By {direction, device}: transport bytes sent and received. */
  TRANSPORT_BYTES = 'mesh.transport.bytes',
  /** Counter {direction, device}: envelopes sent and received. */
  TRANSPORT_ENVELOPES = 'mesh.transport.envelopes',
  /** Counter {reason}: envelopes the transport rejected (malformed, too large, expired, ...). */
  TRANSPORT_REJECTS = 'mesh.transport.rejects'
}
