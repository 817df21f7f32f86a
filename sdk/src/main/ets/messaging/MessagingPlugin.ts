import { ErrorCode } from '../core/errors/ErrorCode';
import { MeshError } from '../core/errors/MeshError';
import { MeshNode } from '../mesh/MeshNode';
import { MeshPlugin } from '../mesh/MeshPlugin';
import { MessageQueue } from './MessageQueue';
import { MessagingSettings } from './MessageQueueOptions';

/**
 * Installs a MessageQueue on a node (`options.plugins` or `node.use`): the plugin form of
 * `MessageQueue.attach`. The queue is available as `plugin.queue` once installed.
 *
 * @example
 * const messaging = new MessagingPlugin({ defaults: { maxAttempts: 3 } });
 * const node = MeshNode.create({ ..., plugins: [messaging] });
 * messaging.queue.subscribe('photos.taken', handler, { group: 'gallery' });
 */
export class MessagingPlugin implements MeshPlugin {
  readonly name: string;
  readonly install: (node: MeshNode) => void;
  private _queue: MessageQueue | undefined = undefined;

  /** `name` defaults to `messaging` (plugin names are unique per node). */
  constructor(settings?: MessagingSettings, name?: string) {
    this.name = name ?? 'messaging';
    this.install = (node: MeshNode): void => {
      if (this._queue !== undefined) {
        throw new MeshError(ErrorCode.INVALID_STATE, 'a MessagingPlugin installs on one node only');
      }
      this._queue = MessageQueue.attach(node, settings);
    };
  }

  /** The node's queue. Throws ERR_INVALID_STATE before the plugin is installed. */
  get queue(): MessageQueue {
    const q = this._queue;
    if (q === undefined) {
      throw new MeshError(ErrorCode.INVALID_STATE, 'the messaging plugin is not installed yet');
    }
    return q;
  }
}
