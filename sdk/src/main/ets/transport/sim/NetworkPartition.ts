/**
 * A cut between two sets of devices: nothing crosses it (in flight or new) until healed. When
 * `sideB` is undefined the cut is between `sideA` and every other device, present or future.
 */
export class NetworkPartition {
  readonly id: number;
  readonly sideA: ReadonlySet<string>;
  readonly sideB: ReadonlySet<string> | undefined;

  constructor(id: number, sideA: Set<string>, sideB: Set<string> | undefined) {
    this.id = id;
    this.sideA = sideA;
    this.sideB = sideB;
  }

  /** True when the cut separates `a` from `b`. */
  separates(a: string, b: string): boolean {
    const inA = this.sideA.has(a);
    const bInA = this.sideA.has(b);
    if (inA === bInA) {
      return false;
    }
    const sideB = this.sideB;
    if (sideB === undefined) {
      return true;
    }
    return inA ? sideB.has(b) : sideB.has(a);
  }
}
