import { LinkConditions } from '../LinkConditions';
import { SimTransport } from '../SimTransport';

/** Per directed link: an optional conditions override and the bandwidth queue. */
export class LinkState {
  conditions: LinkConditions | undefined = undefined;
  busyUntil: number = 0;
}

/** A device's attachment to a SimNetwork; `epoch` bumps on every crash and restart. */
export class Endpoint {
  readonly id: string;
  epoch: number = 0;
  up: boolean = false;
  transport: SimTransport | undefined = undefined;
  readonly links: Map<string, LinkState> = new Map<string, LinkState>();

  constructor(id: string) {
    this.id = id;
  }
}
