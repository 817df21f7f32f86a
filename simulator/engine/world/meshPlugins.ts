import type { CallCompletedEvent, MeshNode, MeshPlugin } from '../sdk';

// The SDK's standard plugins (tracing, resilience, metrics; MeshNodeOptions.tracing/resilience/
// metrics) do the work on each simulated node. The engine only adds this listener, which puts
// every settled call on the event stream.

/** Reports every settled call of the node. */
export const callEventsPlugin = (onCall: (node: MeshNode, e: CallCompletedEvent) => void): MeshPlugin => ({
  name: 'sim.calls',
  install: (node: MeshNode): void => {
    node.onCall((e: CallCompletedEvent): void => onCall(node, e));
  },
});
