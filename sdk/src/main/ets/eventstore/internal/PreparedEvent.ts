import { EventMetadataInit } from '../EventMetadata';

/** A validated event waiting to be appended: its data already JSON text. */
export class PreparedEvent {
  readonly id: string | undefined;
  readonly type: string;
  readonly dataText: string;
  readonly metadata: EventMetadataInit | undefined;

  constructor(id: string | undefined, type: string, dataText: string, metadata: EventMetadataInit | undefined) {
    this.id = id;
    this.type = type;
    this.dataText = dataText;
    this.metadata = metadata;
  }
}
