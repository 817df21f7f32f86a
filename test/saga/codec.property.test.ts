// The saga log's record and history encoders build JSON text by hand (they run on every
// transition); these properties check that any state round-trips through them and JSON.parse.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, type JsonValue } from '../../sdk/src/main/ets/core/index';
import {
  SAGA_STATUSES, SAGA_STEP_STATUSES, SagaErrorInfo, SagaTransition, SagaTransitionType, type SagaStatus, type SagaStepStatus,
} from '../../sdk/src/main/ets/saga/index';
import { ExecutionState } from '../../sdk/src/main/ets/saga/internal/ExecutionState';
import { decodeExecution, decodeTransition, encodeExecution, encodeTransition } from '../../sdk/src/main/ets/saga/internal/executionCodec';

const text = fc.string({ unit: 'binary', maxLength: 24 });
const json: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const error = fc.option(fc.tuple(text, text).map(([c, m]) => new SagaErrorInfo(c, m)), { nil: undefined });
const time = fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined });

const stateArb = fc.record({
  id: text.filter((s) => s.length > 0), saga: text, version: fc.integer({ min: 1, max: 1000 }), input: json,
  key: fc.option(text, { nil: undefined }), createdAt: fc.integer({ min: 0, max: 2 ** 45 }),
  steps: fc.uniqueArray(fc.record({
    name: text, status: fc.constantFrom<SagaStepStatus>(...SAGA_STEP_STATUSES), attempts: fc.nat(50), comp: fc.nat(50),
    startedAt: time, finishedAt: time, error, compError: error, output: fc.option(json, { nil: undefined }),
  }), { selector: (s) => s.name, maxLength: 5 }),
  status: fc.constantFrom<SagaStatus>(...SAGA_STATUSES), committed: fc.boolean(), cancel: fc.boolean(),
  cancelReason: fc.option(text, { nil: undefined }), error, stuckError: error, stuckStep: fc.option(text, { nil: undefined }),
  deadline: time, finishedAt: time, traceparent: fc.option(text, { nil: undefined }), note: fc.option(text, { nil: undefined }),
  seq: fc.nat(1e6),
});

describe('saga log codec', () => {
  it('property: any execution state round-trips through encodeExecution / decodeExecution', () => {
    fc.assert(fc.property(stateArb, (a) => {
      const s = new ExecutionState(a.id, a.saga, a.version, a.input, a.key, a.createdAt, a.steps.map((x) => x.name));
      a.steps.forEach((x, i) => {
        const r = s.steps[i];
        r.status = x.status; r.attempts = x.attempts; r.compensationAttempts = x.comp;
        r.startedAt = x.startedAt; r.finishedAt = x.finishedAt; r.error = x.error; r.compensationError = x.compError;
        if (x.output !== undefined) s.setOutput(x.name, x.output, JSON.stringify(x.output));
      });
      s.status = a.status; s.committed = a.committed; s.cancelRequested = a.cancel; s.cancelReason = a.cancelReason;
      s.error = a.error; s.stuckError = a.stuckError; s.stuckStep = a.stuckStep; s.stuckPhase = a.status;
      s.deadline = a.deadline; s.finishedAt = a.finishedAt; s.traceparent = a.traceparent; s.note = a.note; s.seq = a.seq;
      s.updatedAt = a.createdAt + 1;
      const encoded = encodeExecution(s);
      expect(() => JSON.parse(encoded)).not.toThrow();
      const d = decodeExecution(encoded);
      expect(encodeExecution(d)).toBe(encoded);
      expect([d.id, d.sagaName, d.sagaVersion, d.idempotencyKey, d.status, d.committed, d.seq, d.note, d.traceparent])
        .toEqual([a.id, a.saga, a.version, a.key, a.status, a.committed, a.seq, a.note, a.traceparent]);
      expect(d.input).toEqual(a.input);
      expect(d.steps.map((r) => [r.name, r.status, r.attempts, r.error?.message])).toEqual(a.steps.map((x) => [x.name, x.status, x.attempts, x.error?.message]));
      for (const x of a.steps) expect(d.outputs.get(x.name)).toEqual(x.output);
    }), { numRuns: 300 });
  });

  it('property: history entries round-trip', () => {
    fc.assert(fc.property(fc.record({
      seq: fc.integer({ min: 1, max: 1e6 }), type: fc.constantFrom(...Object.values(SagaTransitionType)), at: fc.nat(2 ** 45),
      status: fc.constantFrom<SagaStatus>(...SAGA_STATUSES), step: fc.option(text, { nil: undefined }),
      attempt: fc.option(fc.nat(100), { nil: undefined }), error, delayMs: fc.option(fc.nat(1e5), { nil: undefined }),
      note: fc.option(text, { nil: undefined }),
    }), (a) => {
      const t = new SagaTransition('x', 's', 1, a.seq, a.type, a.at, a.status, a.step, a.attempt, a.error, a.delayMs, a.note);
      const d = decodeTransition(encodeTransition(t), 'x', 's', 1);
      expect([d.seq, d.type, d.at, d.status, d.step, d.attempt, d.error?.code, d.error?.message, d.delayMs, d.note])
        .toEqual([a.seq, a.type, a.at, a.status, a.step, a.attempt, a.error?.code, a.error?.message, a.delayMs, a.note]);
    }), { numRuns: 300 });
  });

  it('rejects malformed records with ERR_STORE naming the field', () => {
    const bad = ['', 'null', '[]', '{"format":2}', '{"format":1,"steps":{}}', '{"format":1,"steps":[{"name":"a","status":"weird","attempts":0,"compensationAttempts":0}]}',
      '{"format":1,"steps":[],"status":"running","input":null,"id":"x","saga":"s","version":1,"createdAt":0,"outputs":[]}'];
    for (const b of bad) expect(() => decodeExecution(b)).toThrow(expect.objectContaining({ code: ErrorCode.STORE }));
    expect(() => decodeTransition('{"seq":1,"type":"nope","at":0,"status":"running"}', 'x', 's', 1)).toThrow(expect.objectContaining({ code: ErrorCode.STORE }));
  });
});
