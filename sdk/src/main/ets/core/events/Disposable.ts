/** Releases a subscription or resource. Disposing twice is harmless. */
export class Disposable {
  private _release: (() => void) | undefined;

  constructor(release: () => void) {
    this._release = release;
  }

  get disposed(): boolean {
    return this._release === undefined;
  }

  dispose(): void {
    const release = this._release;
    if (release !== undefined) {
      this._release = undefined;
      release();
    }
  }

  /** A Disposable that does nothing (for "no subscription" results). */
  static none(): Disposable {
    return new Disposable((): void => {});
  }
}
