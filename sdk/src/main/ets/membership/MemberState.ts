/**
 * What a node believes about a member. States are ordered for merging: at equal incarnation
 * ALIVE < SUSPECT < DEAD < LEFT, and a higher incarnation beats any state of a lower one.
 */
export enum MemberState {
  ALIVE = 'alive',
  SUSPECT = 'suspect',
  DEAD = 'dead',
  LEFT = 'left'
}

/** Merge rank of a state at equal incarnation. */
export const stateRank = (state: MemberState): number => {
  switch (state) {
    case MemberState.ALIVE:
      return 0;
    case MemberState.SUSPECT:
      return 1;
    case MemberState.DEAD:
      return 2;
    default:
      return 3;
  }
};

/** True for the states in which a member counts as part of the mesh (ALIVE, SUSPECT). */
export const isLiveState = (state: MemberState): boolean =>
  state === MemberState.ALIVE || state === MemberState.SUSPECT;

/** The kinds of membership change a node reports. */
export enum MemberEventType {
  /** A member became live: first seen, or back after being dead or gone. */
  JOINED = 'joined',
  /** A live member is suspected of having failed. */
  SUSPECT = 'suspect',
  /** A suspected member refuted the suspicion. */
  ALIVE = 'alive',
  /** A member was declared dead (suspicion timed out). */
  DEAD = 'dead',
  /** A member left gracefully. */
  LEFT = 'left',
  /** A live member published new metadata (its service instances). */
  UPDATED = 'updated'
}
