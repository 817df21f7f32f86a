import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { JsonObject, JsonValue } from '../core/json/JsonValue';

/** The JSON object `value` is, or undefined when it is not an object. */
export const asJsonObject = (value: JsonValue | undefined): JsonObject | undefined => {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return value as JsonObject;
};

const fieldOf = (value: JsonValue | undefined, key: string): JsonValue | undefined => {
  const o = asJsonObject(value);
  return o === undefined ? undefined : o[key];
};

const stringOf = (v: JsonValue | undefined): string | undefined => typeof v === 'string' ? v : undefined;

const numberOf = (v: JsonValue | undefined): number | undefined => typeof v === 'number' ? v : undefined;

const booleanOf = (v: JsonValue | undefined): boolean | undefined => typeof v === 'boolean' ? v : undefined;

/**
 * What the steps of one execution share: the saga's input and the output of every step that has
 * succeeded so far (keyed by step name), with typed accessors. A step's output is whatever its
 * action resolved with (for a call step: the response body); later steps read it here, and the
 * step's own compensation gets it too. The context lives in the saga log, so it survives restarts.
 *
 * @example
 * const reservation = ctx.saga.requireOutputString('reserve-stock', 'reservationId');
 * const amount = ctx.saga.requireInputNumber('amount');
 */
export class SagaContext {
  private readonly _input: JsonValue;
  private readonly _outputs: Map<string, JsonValue>;

  constructor(input: JsonValue, outputs: Map<string, JsonValue>) {
    this._input = input;
    this._outputs = outputs;
  }

  /** The input the execution was started with. */
  get input(): JsonValue {
    return this._input;
  }

  /** The input as an object, or undefined when it is not one. */
  inputObject(): JsonObject | undefined {
    return asJsonObject(this._input);
  }

  /** A field of the input object, or undefined. */
  inputField(key: string): JsonValue | undefined {
    return fieldOf(this._input, key);
  }

  /** A string field of the input object, or undefined when missing or not a string. */
  inputString(key: string): string | undefined {
    return stringOf(fieldOf(this._input, key));
  }

  /** A number field of the input object, or undefined when missing or not a number. */
  inputNumber(key: string): number | undefined {
    return numberOf(fieldOf(this._input, key));
  }

  /** A boolean field of the input object, or undefined when missing or not a boolean. */
  inputBoolean(key: string): boolean | undefined {
    return booleanOf(fieldOf(this._input, key));
  }

  /** A string field of the input; throws InvalidArgumentError (`input.<key>`, not retried) when missing. */
  requireInputString(key: string): string {
    const v = this.inputString(key);
    if (v === undefined) {
      throw new InvalidArgumentError(`input.${key}`, 'must be a string');
    }
    return v;
  }

  /** A number field of the input; throws InvalidArgumentError (`input.<key>`) when missing. */
  requireInputNumber(key: string): number {
    const v = this.inputNumber(key);
    if (v === undefined) {
      throw new InvalidArgumentError(`input.${key}`, 'must be a number');
    }
    return v;
  }

  /** True when the step has succeeded (and so has an output). */
  hasOutput(step: string): boolean {
    return this._outputs.has(step);
  }

  /** Names of the steps with an output, in the order they succeeded. */
  outputNames(): string[] {
    return Array.from(this._outputs.keys());
  }

  /** The output of a step that has succeeded, or undefined. */
  output(step: string): JsonValue | undefined {
    return this._outputs.get(step);
  }

  /** A step's output as an object, or undefined. */
  outputObject(step: string): JsonObject | undefined {
    return asJsonObject(this._outputs.get(step));
  }

  /** A field of a step's output object, or undefined. */
  outputField(step: string, key: string): JsonValue | undefined {
    return fieldOf(this._outputs.get(step), key);
  }

  /** A string field of a step's output, or undefined. */
  outputString(step: string, key: string): string | undefined {
    return stringOf(this.outputField(step, key));
  }

  /** A number field of a step's output, or undefined. */
  outputNumber(step: string, key: string): number | undefined {
    return numberOf(this.outputField(step, key));
  }

  /** A boolean field of a step's output, or undefined. */
  outputBoolean(step: string, key: string): boolean | undefined {
    return booleanOf(this.outputField(step, key));
  }

  /** A string field of a step's output; throws InvalidArgumentError (`outputs.<step>.<key>`) when missing. */
  requireOutputString(step: string, key: string): string {
    const v = this.outputString(step, key);
    if (v === undefined) {
      throw new InvalidArgumentError(`outputs.${step}.${key}`, 'must be a string');
    }
    return v;
  }

  /** A number field of a step's output; throws InvalidArgumentError (`outputs.<step>.<key>`) when missing. */
  requireOutputNumber(step: string, key: string): number {
    const v = this.outputNumber(step, key);
    if (v === undefined) {
      throw new InvalidArgumentError(`outputs.${step}.${key}`, 'must be a number');
    }
    return v;
  }

  /** The input and outputs as one JSON object: `{ input, outputs: { <step>: output } }`. */
  toJson(): JsonObject {
    const outputs: Record<string, JsonValue> = {};
    this._outputs.forEach((v: JsonValue, k: string): void => {
      outputs[k] = v;
    });
    const o: Record<string, JsonValue> = { 'input': this._input, 'outputs': outputs as JsonObject };
    return o as JsonObject;
  }
}
