/** A validated snapshot waiting to be written: its state already JSON text. */
export class PreparedSnapshot {
  readonly stateText: string;
  readonly schemaVersion: number;

  constructor(stateText: string, schemaVersion: number) {
    this.stateText = stateText;
    this.schemaVersion = schemaVersion;
  }
}
