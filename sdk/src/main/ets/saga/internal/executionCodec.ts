import { ErrorCode } from '../../core/errors/ErrorCode';
import { MeshError } from '../../core/errors/MeshError';
import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { asJsonObject } from '../SagaContext';
import { parseSagaStatus, parseSagaStepStatus, SagaStatus } from '../SagaStatus';
import { parseSagaTransitionType, SagaErrorInfo, SagaTransition, SagaTransitionType } from '../SagaTransition';
import { ExecutionState, StepRecord } from './ExecutionState';

/** Version of the stored record format. */
export const SAGA_RECORD_FORMAT = 1;

const corrupt = (what: string, field: string, problem: string): MeshError =>
  new MeshError(ErrorCode.STORE, `corrupt saga ${what}: ${field} ${problem}`);

const setOptional = (o: Record<string, JsonValue>, key: string, value: JsonValue | undefined): void => {
  if (value !== undefined) {
    o[key] = value;
  }
};

const errorJson = (e: SagaErrorInfo | undefined): JsonValue | undefined => {
  if (e === undefined) {
    return undefined;
  }
  const o: Record<string, JsonValue> = { 'code': e.code, 'message': e.message };
  return o as JsonObject;
};

/** Encodes an execution's state as the JSON text the saga log stores. */
export const encodeExecution = (s: ExecutionState): string => {
  const steps: JsonValue[] = [];
  for (const r of s.steps) {
    const o: Record<string, JsonValue> = {
      'name': r.name, 'status': r.status, 'attempts': r.attempts, 'compensationAttempts': r.compensationAttempts
    };
    setOptional(o, 'startedAt', r.startedAt);
    setOptional(o, 'finishedAt', r.finishedAt);
    setOptional(o, 'error', errorJson(r.error));
    setOptional(o, 'compensationError', errorJson(r.compensationError));
    steps.push(o as JsonObject);
  }
  const outputs: Record<string, JsonValue> = {};
  s.outputs.forEach((v: JsonValue, k: string): void => {
    outputs[k] = v;
  });
  const o: Record<string, JsonValue> = {
    'format': SAGA_RECORD_FORMAT, 'id': s.id, 'saga': s.sagaName, 'version': s.sagaVersion, 'status': s.status,
    'input': s.input, 'outputs': outputs as JsonObject, 'steps': steps as JsonArray, 'createdAt': s.createdAt,
    'updatedAt': s.updatedAt, 'committed': s.committed, 'cancelRequested': s.cancelRequested, 'seq': s.seq
  };
  setOptional(o, 'idempotencyKey', s.idempotencyKey);
  setOptional(o, 'finishedAt', s.finishedAt);
  setOptional(o, 'deadline', s.deadline);
  setOptional(o, 'cancelReason', s.cancelReason);
  setOptional(o, 'error', errorJson(s.error));
  setOptional(o, 'stuckError', errorJson(s.stuckError));
  setOptional(o, 'stuckStep', s.stuckStep);
  setOptional(o, 'stuckPhase', s.stuckPhase);
  setOptional(o, 'traceparent', s.traceparent);
  setOptional(o, 'note', s.note);
  return JSON.stringify(o);
};

const str = (o: JsonObject, key: string, what: string, optional: boolean): string | undefined => {
  const v = o[key];
  if (v === undefined && optional) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw corrupt(what, key, 'must be a string');
  }
  return v;
};

const num = (o: JsonObject, key: string, what: string, optional: boolean): number | undefined => {
  const v = o[key];
  if (v === undefined && optional) {
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw corrupt(what, key, 'must be a finite number');
  }
  return v;
};

const count = (o: JsonObject, key: string, what: string): number => {
  const v = num(o, key, what, false) as number;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw corrupt(what, key, 'must be an integer >= 0');
  }
  return v;
};

const bool = (o: JsonObject, key: string, what: string): boolean => {
  const v = o[key];
  if (typeof v !== 'boolean') {
    throw corrupt(what, key, 'must be a boolean');
  }
  return v;
};

const errorOf = (o: JsonObject, key: string, what: string): SagaErrorInfo | undefined => {
  const v = o[key];
  if (v === undefined) {
    return undefined;
  }
  const e = asJsonObject(v);
  if (e === undefined) {
    throw corrupt(what, key, 'must be an object');
  }
  return new SagaErrorInfo(str(e, 'code', what, false) as string, str(e, 'message', what, false) as string);
};

const parseObject = (text: string, what: string): JsonObject => {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (e) {
    throw corrupt(what, 'text', 'is not JSON');
  }
  const o = asJsonObject(value);
  if (o === undefined) {
    throw corrupt(what, 'text', 'is not a JSON object');
  }
  return o;
};

const decodeStep = (v: JsonValue, what: string): StepRecord => {
  const o = asJsonObject(v);
  if (o === undefined) {
    throw corrupt(what, 'steps[]', 'must be objects');
  }
  const r = new StepRecord(str(o, 'name', what, false) as string);
  const status = parseSagaStepStatus(str(o, 'status', what, false) as string);
  if (status === undefined) {
    throw corrupt(what, `steps.${r.name}.status`, 'is unknown');
  }
  r.status = status;
  r.attempts = count(o, 'attempts', what);
  r.compensationAttempts = count(o, 'compensationAttempts', what);
  r.startedAt = num(o, 'startedAt', what, true);
  r.finishedAt = num(o, 'finishedAt', what, true);
  r.error = errorOf(o, 'error', what);
  r.compensationError = errorOf(o, 'compensationError', what);
  return r;
};

/** Decodes a stored execution record; throws MeshError `ERR_STORE` naming the bad field. */
export const decodeExecution = (text: string): ExecutionState => {
  const what = 'record';
  const o = parseObject(text, what);
  if (o['format'] !== SAGA_RECORD_FORMAT) {
    throw corrupt(what, 'format', `must be ${SAGA_RECORD_FORMAT}`);
  }
  const stepsValue = o['steps'];
  if (!Array.isArray(stepsValue)) {
    throw corrupt(what, 'steps', 'must be an array');
  }
  const steps: StepRecord[] = [];
  const names: string[] = [];
  for (const v of stepsValue as JsonArray) {
    const r = decodeStep(v, what);
    steps.push(r);
    names.push(r.name);
  }
  const input = o['input'];
  const status = parseSagaStatus(str(o, 'status', what, false) as string);
  if (status === undefined || input === undefined) {
    throw corrupt(what, status === undefined ? 'status' : 'input', 'is missing or unknown');
  }
  const version = count(o, 'version', what);
  const s = new ExecutionState(str(o, 'id', what, false) as string, str(o, 'saga', what, false) as string, version, input,
    str(o, 'idempotencyKey', what, true), num(o, 'createdAt', what, false) as number, names);
  for (let i = 0; i < steps.length; i++) {
    const target = s.steps[i];
    const from = steps[i];
    target.status = from.status;
    target.attempts = from.attempts;
    target.compensationAttempts = from.compensationAttempts;
    target.startedAt = from.startedAt;
    target.finishedAt = from.finishedAt;
    target.error = from.error;
    target.compensationError = from.compensationError;
  }
  const outputs = asJsonObject(o['outputs']);
  if (outputs === undefined) {
    throw corrupt(what, 'outputs', 'must be an object');
  }
  for (const k of Object.keys(outputs)) {
    s.outputs.set(k, outputs[k]);
  }
  s.status = status;
  s.updatedAt = num(o, 'updatedAt', what, false) as number;
  s.finishedAt = num(o, 'finishedAt', what, true);
  s.deadline = num(o, 'deadline', what, true);
  s.committed = bool(o, 'committed', what);
  s.cancelRequested = bool(o, 'cancelRequested', what);
  s.cancelReason = str(o, 'cancelReason', what, true);
  s.error = errorOf(o, 'error', what);
  s.stuckError = errorOf(o, 'stuckError', what);
  s.stuckStep = str(o, 'stuckStep', what, true);
  const phase = str(o, 'stuckPhase', what, true);
  s.stuckPhase = phase === undefined ? undefined : parseSagaStatus(phase);
  s.traceparent = str(o, 'traceparent', what, true);
  s.note = str(o, 'note', what, true);
  s.seq = count(o, 'seq', what);
  return s;
};

/** Encodes a history entry (the execution id, saga name and version live in the key and record). */
export const encodeTransition = (t: SagaTransition): string => {
  const o: Record<string, JsonValue> = { 'seq': t.seq, 'type': t.type, 'at': t.at, 'status': t.status };
  setOptional(o, 'step', t.step);
  setOptional(o, 'attempt', t.attempt);
  setOptional(o, 'error', errorJson(t.error));
  setOptional(o, 'delayMs', t.delayMs);
  setOptional(o, 'note', t.note);
  return JSON.stringify(o);
};

/** Decodes a history entry of execution `id`; throws MeshError `ERR_STORE` naming the bad field. */
export const decodeTransition = (text: string, id: string, sagaName: string, sagaVersion: number): SagaTransition => {
  const what = 'history entry';
  const o = parseObject(text, what);
  const type: SagaTransitionType | undefined = parseSagaTransitionType(str(o, 'type', what, false) as string);
  const status: SagaStatus | undefined = parseSagaStatus(str(o, 'status', what, false) as string);
  if (type === undefined || status === undefined) {
    throw corrupt(what, type === undefined ? 'type' : 'status', 'is unknown');
  }
  return new SagaTransition(id, sagaName, sagaVersion, count(o, 'seq', what), type, num(o, 'at', what, false) as number, status,
    str(o, 'step', what, true), num(o, 'attempt', what, true), errorOf(o, 'error', what), num(o, 'delayMs', what, true),
    str(o, 'note', what, true));
};
