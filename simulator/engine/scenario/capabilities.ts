/**
 * SDK features the engine can drive. Messaging (publishers, consumers, `noLostMessages`) and sagas
 * (saga streams, `sagasSettled`) need the SDK's messaging and saga modules; until the engine is
 * wired to them, scenarios that use them fail validation with a message saying so, rather than
 * running with made-up results.
 */
export interface EngineCapabilities {
  messaging: boolean;
  sagas: boolean;
}

export const ENGINE_CAPABILITIES: EngineCapabilities = { messaging: true, sagas: true };

export const MESSAGING_PENDING = 'needs messaging, which this engine cannot run yet (the SDK messaging module is not wired into the simulator)';
export const SAGAS_PENDING = 'needs sagas, which this engine cannot run yet (the SDK saga module is not wired into the simulator)';
