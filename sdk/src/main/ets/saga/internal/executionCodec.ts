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

const q = (text: string): string => JSON.stringify(text) as string;

const optNumber = (key: string, v: number | undefined): string => v === undefined ? '' : `,"${key}":${v}`;

const optString = (key: string, v: string | undefined): string => v === undefined ? '' : `,"${key}":${q(v)}`;

const optError = (key: string, e: SagaErrorInfo | undefined): string => e === undefined ? '' : `,"${key}":${e.toJsonText()}`;

const encodeStep = (r: StepRecord): string =>
  `{"name":${r.nameJson},"status":"${r.status}","attempts":${r.attempts},"compensationAttempts":${r.compensationAttempts}` +
  `${optNumber('startedAt', r.startedAt)}${optNumber('finishedAt', r.finishedAt)}${optError('error', r.error)}` +
  `${optError('compensationError', r.compensationError)}}`;

const encodeFixed = (s: ExecutionState): string =>
  `{"format":${SAGA_RECORD_FORMAT},"id":${q(s.id)},"saga":${q(s.sagaName)},"version":${s.sagaVersion},"createdAt":${s.createdAt}` +
  `${optString('idempotencyKey', s.idempotencyKey)}`;

/**
 * Encodes an execution's state as the JSON text the saga log stores (a JSON object; see the
 * decoder for the fields). Written by hand rather than through an object and JSON.stringify: it
 * runs on every transition, and the input and outputs go in as the JSON text the state keeps
 * (they never change once set), which was most of the cost of a transition.
 */
export const encodeExecution = (s: ExecutionState): string => {
  let steps = '';
  for (const r of s.steps) {
    steps += steps.length === 0 ? encodeStep(r) : `,${encodeStep(r)}`;
  }
  let outputs = '';
  s.outputs.forEach((v: JsonValue, k: string): void => {
    outputs += `${outputs.length === 0 ? '' : ','}${q(k)}:${s.outputJson(k) as string}`;
  });
  return `${s.fixedJson(encodeFixed)},"status":"${s.status}","steps":[${steps}],"updatedAt":${s.updatedAt}` +
    `,"committed":${s.committed},"cancelRequested":${s.cancelRequested},"seq":${s.seq}` +
    `${optNumber('finishedAt', s.finishedAt)}${optNumber('deadline', s.deadline)}` +
    `${optString('cancelReason', s.cancelReason)}${optError('error', s.error)}${optError('stuckError', s.stuckError)}` +
    `${optString('stuckStep', s.stuckStep)}${optString('stuckPhase', s.stuckPhase)}${optString('traceparent', s.traceparent)}` +
    `${optString('note', s.note)},"input":${s.inputJson()},"outputs":{${outputs}}}`;
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
export const encodeTransition = (t: SagaTransition): string =>
  `{"seq":${t.seq},"type":"${t.type}","at":${t.at},"status":"${t.status}"${optString('step', t.step)}` +
  `${optNumber('attempt', t.attempt)}${optError('error', t.error)}${optNumber('delayMs', t.delayMs)}${optString('note', t.note)}}`;

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
