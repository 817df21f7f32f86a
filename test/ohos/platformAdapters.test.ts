import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, IdGenerator, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import { KeyFormat, LogLevel } from '../../sdk/src/main/ets/platform/index';
import type { LogRecord } from '../../sdk/src/main/ets/platform/index';
import { OhosErrors } from '../../sdk/src/main/ets/ohos/OhosErrors';
import {
  DEFAULT_HILOG_DOMAIN, DEFAULT_HILOG_TAG, HilogFormat, HilogSeverity, ResolvedHilogOptions,
} from '../../sdk/src/main/ets/ohos/logging/HilogFormat';
import { FrameworkAlgorithms, MIN_RSA_MODULUS_BITS } from '../../sdk/src/main/ets/ohos/crypto/FrameworkAlgorithms';
import { FrameworkKeyKind } from '../../sdk/src/main/ets/ohos/crypto/FrameworkKeySpec';
import { loadAdapters } from './loadAdapters';
import type { AdapterBundle } from './loadAdapters';

const record = (level: LogLevel, message: string, fields: LogRecord['fields'] = {}): LogRecord => ({ time: 0, level, message, fields });
const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'returned';
  } catch (e) {
    return (e as MeshError).code;
  }
};

describe('HilogFormat', () => {
  it('fills documented defaults and checks domain and tag the way hilog limits them', () => {
    const d = ResolvedHilogOptions.from();
    expect([d.domain, d.tag, d.level, d.format]).toEqual([DEFAULT_HILOG_DOMAIN, DEFAULT_HILOG_TAG, LogLevel.INFO, '%{public}s']);
    expect(ResolvedHilogOptions.from({ privateArgs: true }).format).toBe('%{private}s');
    expect(ResolvedHilogOptions.from({ domain: 0xffff, tag: 'x'.repeat(31) }).tag).toHaveLength(31);
    for (const bad of [{ domain: -1 }, { domain: 0x10000 }, { domain: 1.5 }]) {
      expect(() => ResolvedHilogOptions.from(bad)).toThrow(/options\.domain: must be an integer in \[0, 0xFFFF\]/);
    }
    for (const tag of ['', 'x'.repeat(32), '日本語日本語日本語日本語x']) {
      expect(() => ResolvedHilogOptions.from({ tag })).toThrow(/options\.tag: must be 1 to 31 UTF-8 bytes/);
    }
  });

  it('maps levels to hilog severities and formats message and fields into one argument', () => {
    expect([LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR].map((l) => HilogFormat.severity(l)))
      .toEqual([HilogSeverity.DEBUG, HilogSeverity.INFO, HilogSeverity.WARN, HilogSeverity.ERROR]);
    expect(HilogFormat.line(record(LogLevel.INFO, 'call done', { 'service': 'media.player', 'ms': 12, 'ok': true, 'skip': undefined, 'none': null })))
      .toBe('call done service="media.player" ms=12 ok=true none=null');
    expect(HilogFormat.line(record(LogLevel.INFO, 'quote', { 'text': 'a "b"\n' }))).toBe('quote text="a \\"b\\"\\n"');
  });
});

describe('OhosErrors', () => {
  it('wraps BusinessErrors with their platform code, maps 801 to ERR_UNSUPPORTED and keeps MeshErrors', () => {
    const platform = Object.assign(new Error('Inner error'), { code: 15500000 });
    const wrapped = OhosErrors.wrap(platform, ErrorCode.STORE, 'preferences flush');
    expect(wrapped.code).toBe(ErrorCode.STORE);
    expect(wrapped.message).toBe('preferences flush failed: Inner error (HarmonyOS error 15500000)');
    expect(wrapped.cause).toBe(platform);
    expect(OhosErrors.wrap(Object.assign(new Error('no'), { code: 801 }), ErrorCode.CRYPTO, 'x').code).toBe(ErrorCode.UNSUPPORTED);
    const mesh = new MeshError(ErrorCode.TIMEOUT, 'late');
    expect(OhosErrors.wrap(mesh, ErrorCode.STORE, 'x')).toBe(mesh);
    expect(OhosErrors.wrap('text', ErrorCode.CRYPTO, 'op').message).toBe('op failed: text');
    expect(OhosErrors.platformCode({ code: 'x' } as unknown as Error)).toBeUndefined();
  });
});

describe('FrameworkAlgorithms (cryptoFramework planning)', () => {
  it('maps WebCrypto names to cryptoFramework strings', () => {
    expect(['SHA-1', 'sha-256', 'SHA-384', 'SHA-512'].map((h) => FrameworkAlgorithms.mdName(h))).toEqual(['SHA1', 'SHA256', 'SHA384', 'SHA512']);
    expect(FrameworkAlgorithms.algorithm('rsassa-pkcs1-v1_5')).toBe('RSASSA-PKCS1-v1_5');
    expect(codeOf(() => FrameworkAlgorithms.algorithm('AES-GCM'))).toBe(ErrorCode.UNSUPPORTED);
    expect(codeOf(() => FrameworkAlgorithms.mdName('SHA3-256'))).toBe(ErrorCode.UNSUPPORTED);
    const hmac = FrameworkAlgorithms.planImport(KeyFormat.RAW, new Uint8Array(20), { name: 'HMAC', hash: 'SHA-512' });
    expect(FrameworkAlgorithms.planSign(hmac.spec, { name: 'HMAC' })).toMatchObject({ spec: 'SHA512', isHmac: true, saltLength: -1 });
    expect(codeOf(() => FrameworkAlgorithms.planSign(hmac.spec, { name: 'ECDSA', hash: 'SHA-256' }))).toBe(ErrorCode.CRYPTO);
    expect(codeOf(() => FrameworkAlgorithms.planImport(KeyFormat.SPKI, new Uint8Array(5), { name: 'HMAC', hash: 'SHA-256' }))).toBe(ErrorCode.UNSUPPORTED);
  });

  it('plans key generation within what cryptoFramework offers', () => {
    expect(FrameworkAlgorithms.planGenerate({ name: 'ECDSA', namedCurve: 'P-521' }).spec.generatorName).toBe('ECC521');
    expect(FrameworkAlgorithms.planGenerate({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 4096 }).spec.generatorName).toBe('RSA4096');
    expect(FrameworkAlgorithms.planGenerate({ name: 'HMAC', hash: 'SHA-256' }).secretBytes).toBe(64);
    expect(codeOf(() => FrameworkAlgorithms.planGenerate({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2047 }))).toBe(ErrorCode.UNSUPPORTED);
    expect(codeOf(() => FrameworkAlgorithms.planGenerate({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([3]) })))
      .toBe(ErrorCode.UNSUPPORTED);
    expect(FrameworkAlgorithms.planGenerate({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([0, 1, 0, 1]) }).spec.bits).toBe(2048);
    expect(codeOf(() => FrameworkAlgorithms.planGenerate({ name: 'HMAC', hash: 'SHA-256', length: 12 }))).toBe(ErrorCode.UNSUPPORTED);
    expect(MIN_RSA_MODULUS_BITS).toBe(2048);
  });

  it('checks usages the way WebCrypto does', () => {
    expect(codeOf(() => FrameworkAlgorithms.checkUsages(FrameworkKeyKind.PUBLIC, ['sign']))).toBe(ErrorCode.CRYPTO);
    expect(codeOf(() => FrameworkAlgorithms.checkUsages(FrameworkKeyKind.PRIVATE, []))).toBe(ErrorCode.CRYPTO);
    expect(codeOf(() => FrameworkAlgorithms.checkUsages(FrameworkKeyKind.SECRET, ['encrypt']))).toBe(ErrorCode.CRYPTO);
    expect(codeOf(() => FrameworkAlgorithms.checkUsages(FrameworkKeyKind.PUBLIC, []))).toBe('returned');
    expect(FrameworkAlgorithms.splitPairUsages(['verify', 'sign'])).toEqual([['verify'], ['sign']]);
    expect(codeOf(() => FrameworkAlgorithms.splitPairUsages(['verify']))).toBe(ErrorCode.CRYPTO);
  });

  it('compares MACs in constant time without false positives', () => {
    expect(FrameworkAlgorithms.constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(FrameworkAlgorithms.constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(FrameworkAlgorithms.constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
  });
});

describe('HilogLogger and OhosRandom (the .ets adapters, built for the desktop)', () => {
  let a: AdapterBundle;
  beforeAll(async () => {
    a = await loadAdapters();
  }, 60000);
  beforeEach(() => {
    a.hilogCalls.length = 0;
    a.hilogFake.minLevel = 3;
  });

  it('writes one hilog call per record with the public format, domain and tag', () => {
    const logger = new a.HilogLogger({ domain: 0x0101, tag: 'Mesh', level: LogLevel.DEBUG });
    logger.debug('d', { 'n': 1 });
    logger.info('i');
    logger.child({ 'device': 'tv' }).warn('w', { 'x': 'y' });
    logger.error('e');
    expect(a.hilogCalls.map((c) => [c.level, c.domain, c.tag, c.format, ...c.args])).toEqual([
      ['debug', 0x0101, 'Mesh', '%{public}s', 'd n=1'],
      ['info', 0x0101, 'Mesh', '%{public}s', 'i'],
      ['warn', 0x0101, 'Mesh', '%{public}s', 'w device="tv" x="y"'],
      ['error', 0x0101, 'Mesh', '%{public}s', 'e'],
    ]);
  });

  it('filters by its own level and by hilog.isLoggable, and can mark arguments private', () => {
    const logger = new a.HilogLogger({ privateArgs: true });
    logger.debug('below INFO');
    a.hilogFake.minLevel = 5;
    logger.info('hilog drops INFO here');
    logger.warn('kept');
    expect(a.hilogCalls.map((c) => [c.level, c.domain, c.tag, c.format, ...c.args])).toEqual([
      ['warn', DEFAULT_HILOG_DOMAIN, DEFAULT_HILOG_TAG, '%{private}s', 'kept'],
    ]);
  });

  it('refuses a bad domain with InvalidArgumentError before logging anything', () => {
    expect(() => new a.HilogLogger({ domain: 70000 })).toThrow(/options\.domain/);
    expect(InvalidArgumentError.name).toBe('InvalidArgumentError');
  });

  it('draws random values from cryptoFramework.createRandom', () => {
    const random = new a.OhosRandom();
    const words = new Set(Array.from({ length: 500 }, () => random.nextUint32()));
    expect(words.size).toBe(500);
    const big = new Uint8Array(4096);
    random.fillBytes(big);
    expect(big.some((b) => b !== 0)).toBe(true);
    expect(new IdGenerator(random).traceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(random.nextInt(10)).toBeLessThan(10);
  });
});
