import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import {
  SagaAction, SagaContext, SagaDefinitionBuilder, SagaDefinitionError, SagaStepKind, type SagaStepSpec,
} from '../../sdk/src/main/ets/saga/index';

const noop = SagaAction.local(async () => null);
const spec = (name: string, extra: Partial<SagaStepSpec> = {}): SagaStepSpec => ({ name, action: noop, ...extra });

const fieldOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SagaDefinitionError);
    expect((e as SagaDefinitionError).code).toBe(ErrorCode.SAGA_DEFINITION);
    return (e as SagaDefinitionError).field;
  }
  throw new Error('did not throw');
};

describe('SagaDefinitionBuilder', () => {
  it('resolves kinds, stages and the commit point', () => {
    const d = new SagaDefinitionBuilder('order', 3)
      .step(spec('a', { compensation: noop }))
      .parallel([spec('b', { compensation: noop }), spec('c')])
      .pivot(spec('d', { compensation: noop }))
      .step(spec('e'))
      .parallel([spec('f'), spec('g')])
      .timeout(60000)
      .describe('buy a TV')
      .build();
    expect(d.key).toBe('order@3');
    expect(d.description).toBe('buy a TV');
    expect(d.timeoutMs).toBe(60000);
    expect(d.stages.map((s) => [s.index, s.parallel, s.kind, s.steps.map((x) => x.name)])).toEqual([
      [0, false, 'compensable', ['a']], [1, true, 'compensable', ['b', 'c']], [2, false, 'pivot', ['d']],
      [3, false, 'retriable', ['e']], [4, true, 'retriable', ['f', 'g']],
    ]);
    expect(d.commitStage).toBe(3);
    expect(d.pivot?.name).toBe('d');
    expect(d.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(d.step('c')?.stage).toBe(1);
    expect(d.step('c')?.compensable).toBe(false);
    expect(d.step('zz')).toBeUndefined();
  });

  it('has its commit point at the first retriable stage without a pivot, or none', () => {
    const a = new SagaDefinitionBuilder('a').step(spec('x')).step(spec('y', { kind: SagaStepKind.RETRIABLE })).build();
    expect(a.commitStage).toBe(1);
    expect(a.version).toBe(1);
    const b = new SagaDefinitionBuilder('b').step(spec('x')).step(spec('y')).build();
    expect(b.commitStage).toBe(2);
    expect(b.pivot).toBeUndefined();
  });

  it('applies defaults, a step\'s own settings winning', () => {
    const d = new SagaDefinitionBuilder('d')
      .defaults({ timeoutMs: 100, retry: { maxAttempts: 7 }, compensationTimeoutMs: 50 })
      .step(spec('a'))
      .step(spec('b', { timeoutMs: 900, retry: { maxAttempts: 2 } }))
      .build();
    expect([d.steps[0].timeoutMs, d.steps[0].retry?.maxAttempts, d.steps[0].compensationTimeoutMs]).toEqual([100, 7, 50]);
    expect([d.steps[1].timeoutMs, d.steps[1].retry?.maxAttempts, d.steps[1].compensationTimeoutMs]).toEqual([900, 2, 50]);
    const e = new SagaDefinitionBuilder('e').step(spec('a', { timeoutMs: 300 })).build();
    expect(e.steps[0].compensationTimeoutMs).toBe(300);
    expect(e.steps[0].description).toBe('local');
  });

  it('rejects malformed definitions, naming the field', () => {
    expect(fieldOf(() => new SagaDefinitionBuilder('').step(spec('a')).build())).toBe('name');
    expect(fieldOf(() => new SagaDefinitionBuilder('x'.repeat(129)).step(spec('a')).build())).toBe('name');
    expect(fieldOf(() => new SagaDefinitionBuilder('s', 0).step(spec('a')).build())).toBe('version');
    expect(fieldOf(() => new SagaDefinitionBuilder('s', 1.5).step(spec('a')).build())).toBe('version');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').build())).toBe('steps');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a')).step(spec('a')).build())).toBe('steps[1].name');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('')).build())).toBe('steps[0].name');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step({ name: 'a' } as SagaStepSpec).build())).toBe('steps[0].action');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { action: (async () => null) as never })).build())).toBe('steps[0].action');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').parallel([]).build())).toBe('steps[0]');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').pivot(spec('a')).pivot(spec('b')).build())).toBe('steps[1].kind');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').parallel([spec('a', { kind: SagaStepKind.PIVOT })]).build())).toBe('steps[0].kind');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').pivot(spec('a')).step(spec('b', { kind: SagaStepKind.COMPENSABLE })).build())).toBe('steps[1].kind');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').pivot(spec('a')).step(spec('b', { compensation: noop })).build())).toBe('steps[1].compensation');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').parallel([spec('a'), spec('b', { kind: SagaStepKind.RETRIABLE })]).build())).toBe('steps[1].kind');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { kind: SagaStepKind.RETRIABLE })).step(spec('b', { kind: SagaStepKind.PIVOT })).build())).toBe('steps[1].kind');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { retry: { maxAttempts: 0 } })).build())).toBe('steps[0].retry.maxAttempts');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { compensationRetry: { maxAttempts: 2.5 } })).build())).toBe('steps[0].compensationRetry.maxAttempts');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { timeoutMs: 0 })).build())).toBe('steps[0].timeoutMs');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { compensationTimeoutMs: Infinity })).build())).toBe('steps[0].compensationTimeoutMs');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').timeout(-5).step(spec('a')).build())).toBe('timeoutMs');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').defaults({ retry: { maxAttempts: -1 } }).step(spec('a')).build())).toBe('defaults.retry.maxAttempts');
    expect(fieldOf(() => new SagaDefinitionBuilder('s').step(spec('a', { kind: 'weird' as SagaStepKind })).build())).toBe('steps[0].kind');
  });

  it('rejects bad actions at construction', () => {
    expect(() => SagaAction.call('')).toThrow(InvalidArgumentError);
    expect(() => SagaAction.call('svc', { path: 'no-slash' })).toThrow(InvalidArgumentError);
    expect(() => SagaAction.local(undefined as never)).toThrow(InvalidArgumentError);
    expect(SagaAction.call('inventory', { method: 'put', path: '/reserve' }).description).toBe('PUT inventory /reserve');
  });

  it('property: any sequence of compensable steps, one optional pivot, then retriable steps builds; kinds and order hold', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 }),
      fc.boolean(),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 }),
      (before, withPivot, after) => {
        const b = new SagaDefinitionBuilder('p');
        let n = 0;
        const group = (size: number, extra: Partial<SagaStepSpec>) => {
          const specs = Array.from({ length: size }, () => spec(`s${n++}`, extra));
          if (size === 1) b.step(specs[0]); else b.parallel(specs);
        };
        for (const size of before) group(size, { compensation: noop });
        if (withPivot) b.pivot(spec(`s${n++}`));
        for (const size of after) group(size, withPivot ? {} : { kind: SagaStepKind.RETRIABLE });
        if (n === 0) return;
        const d = b.build();
        expect(d.steps.map((s) => s.name)).toEqual(Array.from({ length: n }, (_, i) => `s${i}`));
        const kinds = d.steps.map((s) => s.kind);
        const firstNonComp = kinds.findIndex((k) => k !== SagaStepKind.COMPENSABLE);
        if (firstNonComp >= 0) expect(kinds.slice(firstNonComp).every((k) => k !== SagaStepKind.COMPENSABLE)).toBe(true);
        expect(kinds.filter((k) => k === SagaStepKind.PIVOT).length).toBe(withPivot ? 1 : 0);
        expect(d.commitStage).toBe(before.length + (withPivot ? 1 : 0));
      },
    ));
  });
});

describe('SagaContext', () => {
  const ctx = new SagaContext({ sku: 'tv', qty: 2, gift: true, nested: { a: 1 } }, new Map([['reserve', { id: 'r1', n: 3, ok: false }], ['list', [1, 2]]]));

  it('reads typed fields of the input and of step outputs', () => {
    expect(ctx.input).toEqual({ sku: 'tv', qty: 2, gift: true, nested: { a: 1 } });
    expect(ctx.inputString('sku')).toBe('tv');
    expect(ctx.inputString('qty')).toBeUndefined();
    expect(ctx.inputNumber('qty')).toBe(2);
    expect(ctx.inputBoolean('gift')).toBe(true);
    expect(ctx.inputField('nested')).toEqual({ a: 1 });
    expect(ctx.inputObject()?.sku).toBe('tv');
    expect(ctx.outputString('reserve', 'id')).toBe('r1');
    expect(ctx.outputNumber('reserve', 'n')).toBe(3);
    expect(ctx.outputBoolean('reserve', 'ok')).toBe(false);
    expect(ctx.outputObject('list')).toBeUndefined();
    expect(ctx.output('list')).toEqual([1, 2]);
    expect(ctx.outputField('missing', 'x')).toBeUndefined();
    expect(ctx.hasOutput('reserve')).toBe(true);
    expect(ctx.outputNames()).toEqual(['reserve', 'list']);
    expect(ctx.toJson()).toEqual({ input: ctx.input, outputs: { reserve: { id: 'r1', n: 3, ok: false }, list: [1, 2] } });
  });

  it('require* throws InvalidArgumentError naming the path', () => {
    expect(ctx.requireInputString('sku')).toBe('tv');
    expect(ctx.requireInputNumber('qty')).toBe(2);
    expect(ctx.requireOutputString('reserve', 'id')).toBe('r1');
    expect(ctx.requireOutputNumber('reserve', 'n')).toBe(3);
    expect(() => ctx.requireInputString('qty')).toThrow(expect.objectContaining({ field: 'input.qty' }));
    expect(() => ctx.requireInputNumber('sku')).toThrow(expect.objectContaining({ field: 'input.sku' }));
    expect(() => ctx.requireOutputString('reserve', 'n')).toThrow(expect.objectContaining({ field: 'outputs.reserve.n' }));
    expect(() => ctx.requireOutputNumber('nope', 'n')).toThrow(expect.objectContaining({ field: 'outputs.nope.n' }));
    const scalar = new SagaContext('just a string', new Map());
    expect(scalar.inputObject()).toBeUndefined();
    expect(scalar.inputString('x')).toBeUndefined();
  });
});
