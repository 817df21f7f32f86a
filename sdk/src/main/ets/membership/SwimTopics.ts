/** Transport topics of the membership protocol (reserved; other modules must not use them). */
export class SwimTopics {
  static readonly PING: string = 'swim.ping';
  static readonly PING_REQ: string = 'swim.ping-req';
  static readonly GOSSIP: string = 'swim.gossip';
  static readonly SYNC: string = 'swim.sync';
}
