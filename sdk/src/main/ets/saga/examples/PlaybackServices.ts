import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { Clock } from '../../platform/Clock';
import { KeyValueStore, WriteOp } from '../../platform/store/KeyValueStore';
import { SagaAction } from '../SagaAction';
import { asJsonObject } from '../SagaContext';
import { SagaParticipantEffect } from '../SagaParticipant';
import { SagaStepContext } from '../SagaStepContext';
import { SagaStepRejectedError } from '../errors/SagaStepRejectedError';
import { bodyCount, bodyString, SagaExampleService } from './SagaExampleService';

/** Service names of the playback hand-off example. */
export const HANDOFF_TV_SERVICE = 'media.tv';
export const HANDOFF_PHONE_SERVICE = 'media.phone';

/** A player's state, as both example players keep it (one JSON record in the device's store). */
export class HandoffPlayerState {
  /** The hand-off session holding the player (TV), or '' when free. */
  session: string = '';
  track: string = '';
  positionMs: number = 0;
  playing: boolean = false;

  toJson(): JsonObject {
    const o: Record<string, JsonValue> = {
      'session': this.session, 'track': this.track, 'positionMs': this.positionMs, 'playing': this.playing
    };
    return o as JsonObject;
  }

  static fromText(text: string | undefined): HandoffPlayerState {
    const s = new HandoffPlayerState();
    const o = text === undefined ? undefined : asJsonObject(JSON.parse(text) as JsonValue);
    if (o !== undefined) {
      s.session = typeof o['session'] === 'string' ? o['session'] as string : '';
      s.track = typeof o['track'] === 'string' ? o['track'] as string : '';
      s.positionMs = typeof o['positionMs'] === 'number' ? o['positionMs'] as number : 0;
      s.playing = o['playing'] === true;
    }
    return s;
  }
}

const STATE_KEY = 'example/player/state';

/**
 * The TV's player (service `media.tv`): `/reserve {session}` (refused, 409, while another session
 * holds it) and `/release`; `/load {session, track, positionMs}` and `/unload`; `/play {session}`
 * and `/stop`. State and ledger live in the TV's store, so a TV restart keeps them.
 */
export class HandoffTvService extends SagaExampleService {
  constructor(store: KeyValueStore, clock?: Clock) {
    super(HANDOFF_TV_SERVICE, store, clock);
  }

  /** The TV's current state. */
  async state(): Promise<HandoffPlayerState> {
    return HandoffPlayerState.fromText(await this.store.get(STATE_KEY));
  }

  /** Makes another session hold the TV (set-up: someone else is watching). */
  async occupy(session: string): Promise<void> {
    const s = await this.state();
    s.session = session;
    await this.store.set(STATE_KEY, JSON.stringify(s.toJson()));
  }

  protected async route(path: string, body: JsonObject, key: string): Promise<JsonValue> {
    if (path === '/reserve' || path === '/load' || path === '/play') {
      return this.ledger.action(key, async (): Promise<SagaParticipantEffect> => this.apply(path, body));
    }
    if (path === '/release' || path === '/unload' || path === '/stop') {
      return this.ledger.compensate(key, async (result: JsonValue): Promise<SagaParticipantEffect> => this.undo(path, body));
    }
    throw new SagaStepRejectedError(`${HANDOFF_TV_SERVICE} has no ${path}`, 404);
  }

  private async apply(path: string, body: JsonObject): Promise<SagaParticipantEffect> {
    const session = bodyString(body, 'session');
    const s = await this.state();
    if (s.session !== '' && s.session !== session) {
      throw new SagaStepRejectedError(`the TV is busy with ${s.session}`, 409);
    }
    if (path === '/reserve') {
      s.session = session;
    } else if (path === '/load') {
      if (s.session !== session) {
        throw new SagaStepRejectedError('reserve the TV first', 409);
      }
      s.track = bodyString(body, 'track');
      s.positionMs = bodyCount(body, 'positionMs');
    } else {
      if (s.track === '' || s.session !== session) {
        throw new SagaStepRejectedError('nothing loaded to play', 409);
      }
      s.playing = true;
    }
    return new SagaParticipantEffect(s.toJson(), [WriteOp.set(STATE_KEY, JSON.stringify(s.toJson()))]);
  }

  private async undo(path: string, body: JsonObject): Promise<SagaParticipantEffect> {
    const session = bodyString(body, 'session');
    const s = await this.state();
    if (s.session === session) {
      if (path === '/release') {
        s.session = '';
        s.track = '';
        s.positionMs = 0;
        s.playing = false;
      } else if (path === '/unload') {
        s.track = '';
        s.positionMs = 0;
        s.playing = false;
      } else {
        s.playing = false;
      }
    }
    return new SagaParticipantEffect(s.toJson(), [WriteOp.set(STATE_KEY, JSON.stringify(s.toJson()))]);
  }
}

/**
 * The phone's player (service `media.phone`, on the orchestrating phone): `/stop` ends playback
 * (the last, retriable step of the hand-off); {@link snapshotAction} reads what is playing (a
 * local step); `play` sets it up.
 */
export class HandoffPhoneService extends SagaExampleService {
  constructor(store: KeyValueStore, clock?: Clock) {
    super(HANDOFF_PHONE_SERVICE, store, clock);
  }

  /** Starts playing `track` at `positionMs` (set-up). */
  async play(track: string, positionMs: number): Promise<void> {
    const s = new HandoffPlayerState();
    s.track = track;
    s.positionMs = positionMs;
    s.playing = true;
    await this.store.set(STATE_KEY, JSON.stringify(s.toJson()));
  }

  /** The phone's current state. */
  async state(): Promise<HandoffPlayerState> {
    return HandoffPlayerState.fromText(await this.store.get(STATE_KEY));
  }

  /** A local step reading what the phone plays (`{ track, positionMs }`); refused (409) when nothing plays. */
  snapshotAction(): SagaAction {
    return SagaAction.local(async (ctx: SagaStepContext): Promise<JsonValue> => {
      const s = await this.state();
      if (!s.playing || s.track === '') {
        throw new SagaStepRejectedError('nothing is playing on the phone', 409);
      }
      const o: Record<string, JsonValue> = { 'track': s.track, 'positionMs': s.positionMs };
      return o as JsonObject;
    }, 'local snapshot of the phone player');
  }

  protected async route(path: string, body: JsonObject, key: string): Promise<JsonValue> {
    if (path === '/stop') {
      return this.ledger.action(key, async (): Promise<SagaParticipantEffect> => {
        const s = await this.state();
        s.playing = false;
        return new SagaParticipantEffect(s.toJson(), [WriteOp.set(STATE_KEY, JSON.stringify(s.toJson()))]);
      });
    }
    throw new SagaStepRejectedError(`${HANDOFF_PHONE_SERVICE} has no ${path}`, 404);
  }
}
