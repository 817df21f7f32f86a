import { Disposable } from './Disposable';

/** A listener of events of type T. */
export type Listener<T> = (event: T) => void;

/** Receives errors thrown by listeners, so one bad listener never breaks the emitter or its peers. */
export type ListenerErrorHandler = (error: Error) => void;

/**
 * A small typed event emitter. `on` returns a Disposable (cockatiel style). Emission iterates a
 * snapshot, so listeners may subscribe or unsubscribe while an event is being delivered; a
 * listener that throws is reported to the error handler and the others still run.
 */
export class EventEmitter<T> {
  private _listeners: Listener<T>[] = [];
  private _onError: ListenerErrorHandler | undefined;

  constructor(onListenerError?: ListenerErrorHandler) {
    this._onError = onListenerError;
  }

  /** Number of subscribed listeners. */
  get size(): number {
    return this._listeners.length;
  }

  /** Subscribes; dispose the result to unsubscribe. */
  on(listener: Listener<T>): Disposable {
    // Copy on write: emit() iterates the array it read, untouched by later subscriptions.
    const next = this._listeners.slice();
    next.push(listener);
    this._listeners = next;
    return new Disposable((): void => this.remove(listener));
  }

  /** Subscribes for the next event only. */
  once(listener: Listener<T>): Disposable {
    const sub = this.on((event: T): void => {
      sub.dispose();
      listener(event);
    });
    return sub;
  }

  /** Resolves with the next event. */
  next(): Promise<T> {
    return new Promise<T>((resolve: (value: T) => void): void => {
      this.once((event: T): void => resolve(event));
    });
  }

  emit(event: T): void {
    const listeners = this._listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i](event);
      } catch (e) {
        const handler = this._onError;
        if (handler !== undefined) {
          handler(e instanceof Error ? e : new Error(String(e)));
        }
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this._listeners = [];
  }

  private remove(listener: Listener<T>): void {
    const i = this._listeners.indexOf(listener);
    if (i >= 0) {
      const next = this._listeners.slice();
      next.splice(i, 1);
      this._listeners = next;
    }
  }
}
