import { MeshNode } from './MeshNode';

/**
 * A bundle of extensions installed on a node: it may add interceptors (`useCall`, `useAttempt`,
 * `useInbound`), subscribe to the node's events, and register transport topics of its own.
 */
export interface MeshPlugin {
  /** Unique per node. */
  name: string;
  install: (node: MeshNode) => void;
}
