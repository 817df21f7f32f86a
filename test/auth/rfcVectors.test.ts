// The published examples of RFC 7515 (appendix A), RFC 7519 (section 3.1), RFC 7520 (section 4),
// RFC 8037 (appendix A.4) and RFC 7797 (section 4.2), typed in from the RFC texts. Their `exp`
// (2011-03-22) has long passed, so JWT checks run on a VirtualClock fixed before it.
import { describe, expect, it } from 'vitest';
import { ErrorCode, Utf8 } from '../../sdk/src/main/ets/core/index';
import type { Jwk } from '../../sdk/src/main/ets/platform/index';
import { compactSign, compactVerify, JoseKey, jwtVerify } from '../../sdk/src/main/ets/auth/index';
import { clockAt, crypto, fromB64u } from './fixtures';

// RFC 7515 A.1 / RFC 7519 3.1: HS256 with the 64-byte example key; header {"typ":"JWT",\r\n "alg":"HS256"}.
const A1_KEY: Jwk = { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' };
const A1_TOKEN = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC7515_PAYLOAD = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
const PAYLOAD_B64 = 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';

// RFC 7515 A.2: RS256 with a 2048-bit key.
const A2_KEY: Jwk = {
  kty: 'RSA',
  n: 'ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ',
  e: 'AQAB',
};
const A2_TOKEN = `eyJhbGciOiJSUzI1NiJ9.${PAYLOAD_B64}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`;

// RFC 7515 A.3: ES256 (P-256).
const A3_KEY: Jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
const A3_TOKEN = `eyJhbGciOiJFUzI1NiJ9.${PAYLOAD_B64}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`;

// RFC 7515 A.4: ES512 (P-521) over the payload "Payload".
const A4_KEY: Jwk = {
  kty: 'EC', crv: 'P-521',
  x: 'AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk',
  y: 'ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2',
};
const A4_TOKEN = 'eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn';

// RFC 7515 A.5: an unsecured JWS ("alg":"none").
const A5_TOKEN = `eyJhbGciOiJub25lIn0.${PAYLOAD_B64}.`;

// RFC 7520 section 4: "It’s a dangerous business, Frodo, ..." signed with the Bilbo keys.
const FRODO = 'It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and if you don\'t keep your feet, there\u2019s no knowing where you might be swept off to.';
const FRODO_B64 = 'SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4';
const BILBO_RSA: Jwk = {
  kty: 'RSA', kid: 'bilbo.baggins@hobbiton.example', use: 'sig',
  n: 'n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw',
  e: 'AQAB',
  d: 'bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ',
  p: '3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k',
  q: 'uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc',
  dp: 'B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik',
  dq: 'CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJKbi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8',
  qi: '3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDhjJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4',
};
const BILBO_EC: Jwk = {
  kty: 'EC', kid: 'bilbo.baggins@hobbiton.example', use: 'sig', crv: 'P-521',
  x: 'AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt',
  y: 'AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1',
};
const HMAC_7520: Jwk = { kty: 'oct', kid: '018c0ae5-4d9b-471b-bfd6-eef314bc7037', use: 'sig', alg: 'HS256', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' };
const RFC7520_4_1 = `eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${FRODO_B64}.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg`;
const RFC7520_4_2 = `eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${FRODO_B64}.cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw`;
const RFC7520_4_3 = `eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.${FRODO_B64}.AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2`;
const RFC7520_4_4 = `eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.${FRODO_B64}.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0`;
// RFC 7520 4.5: the same HS256 signature with detached content.
const RFC7520_4_5 = 'eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9..s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0';

// RFC 8037 A.4: Ed25519.
const RFC8037_KEY: Jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' };
const RFC8037_TOKEN = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';

// RFC 7797 4.2: HS256 with "b64": false, detached payload "$.02".
const RFC7797_TOKEN = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY';

const text = (b: Uint8Array): string => Utf8.decode(b);

describe('RFC 7515 appendix A and RFC 7519 section 3.1', () => {
  it('A.1 / RFC 7519 3.1: verifies the HS256 JWT with a clock before its exp', async () => {
    const key = JoseKey.fromJwk(crypto, A1_KEY);
    const r = await jwtVerify(A1_TOKEN, key, { algorithms: ['HS256'], issuer: 'joe', clock: clockAt(1300819300) });
    expect(r.payload.iss).toBe('joe');
    expect(r.payload.exp).toBe(1300819380);
    expect(r.payload.get('http://example.com/is_root')).toBe(true);
    expect(r.protectedHeader.typ).toBe('JWT');
    const jws = await compactVerify(A1_TOKEN, key, { algorithms: ['HS256'] });
    expect(text(jws.payload)).toBe(RFC7515_PAYLOAD);
  });

  it('A.1: the same JWT is expired at the real date', async () => {
    const key = JoseKey.fromJwk(crypto, A1_KEY);
    await expect(jwtVerify(A1_TOKEN, key, { algorithms: ['HS256'], clock: clockAt(1300819380) }))
      .rejects.toMatchObject({ code: ErrorCode.JWT_EXPIRED, claim: 'exp' });
  });

  it('A.1: signing reproduces the published signature', async () => {
    const key = JoseKey.fromJwk(crypto, A1_KEY);
    // compactSign writes its own header JSON; sign the exact published signing input through the port.
    const input = Utf8.encode(A1_TOKEN.slice(0, A1_TOKEN.lastIndexOf('.')));
    const handle = await key.signKey((await import('../../sdk/src/main/ets/auth/index')).JwsAlgorithms.get('HS256')!);
    const sig = await crypto.sign({ name: 'HMAC' }, handle, input);
    expect(Buffer.from(sig).toString('base64url')).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('A.2: verifies RS256', async () => {
    const r = await jwtVerify(A2_TOKEN, JoseKey.fromJwk(crypto, A2_KEY), { algorithms: ['RS256'], clock: clockAt(1300819000) });
    expect(r.payload.iss).toBe('joe');
  });

  it('A.3: verifies ES256', async () => {
    const r = await jwtVerify(A3_TOKEN, JoseKey.fromJwk(crypto, A3_KEY), { algorithms: ['ES256'], clock: clockAt(1300819000) });
    expect(r.payload.get('http://example.com/is_root')).toBe(true);
  });

  it('A.4: verifies ES512 over a non-JSON payload (compact JWS)', async () => {
    const r = await compactVerify(A4_TOKEN, JoseKey.fromJwk(crypto, A4_KEY), { algorithms: ['ES512'] });
    expect(text(r.payload)).toBe('Payload');
  });

  it('A.5: rejects the unsecured JWS whatever the allowlist', async () => {
    const key = JoseKey.fromJwk(crypto, A1_KEY);
    await expect(compactVerify(A5_TOKEN, key, { algorithms: ['HS256'] })).rejects.toMatchObject({ code: ErrorCode.JOSE_ALG_NOT_ALLOWED });
    await expect(compactVerify(A5_TOKEN, key, { algorithms: ['none'] })).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });
});

describe('RFC 7520 section 4', () => {
  it('4.1 RS256 and 4.2 PS384 with the Bilbo RSA key', async () => {
    const key = JoseKey.fromJwk(crypto, BILBO_RSA);
    expect(key.canSign).toBe(true);
    const rs = await compactVerify(RFC7520_4_1, key, { algorithms: ['RS256', 'PS384'] });
    expect(text(rs.payload)).toBe(FRODO);
    expect(rs.protectedHeader.kid).toBe('bilbo.baggins@hobbiton.example');
    const ps = await compactVerify(RFC7520_4_2, key, { algorithms: ['RS256', 'PS384'] });
    expect(text(ps.payload)).toBe(FRODO);
  });

  it('4.1: signing with the private key reproduces the deterministic RS256 signature', async () => {
    const key = JoseKey.fromJwk(crypto, BILBO_RSA);
    const jws = await compactSign(Utf8.encode(FRODO), key, { alg: 'RS256' });
    expect(jws).toBe(RFC7520_4_1);
  });

  it('4.3 ES512 with the Bilbo P-521 key', async () => {
    const r = await compactVerify(RFC7520_4_3, JoseKey.fromJwk(crypto, BILBO_EC), { algorithms: ['ES512'] });
    expect(text(r.payload)).toBe(FRODO);
  });

  it('4.4 HS256, reproduced by signing, and 4.5 with detached content', async () => {
    const key = JoseKey.fromJwk(crypto, HMAC_7520);
    const r = await compactVerify(RFC7520_4_4, key, { algorithms: ['HS256'] });
    expect(text(r.payload)).toBe(FRODO);
    expect(await compactSign(Utf8.encode(FRODO), key, { alg: 'HS256' })).toBe(RFC7520_4_4);
    const d = await compactVerify(RFC7520_4_5, key, { algorithms: ['HS256'], detachedPayload: Utf8.encode(FRODO) });
    expect(text(d.payload)).toBe(FRODO);
    expect(await compactSign(Utf8.encode(FRODO), key, { alg: 'HS256' }, { detached: true })).toBe(RFC7520_4_5);
  });
});

describe('RFC 8037 A.4 and RFC 7797 4.2', () => {
  it('RFC 8037 A.4: Ed25519 verifies, and signing is deterministic', async () => {
    const key = JoseKey.fromJwk(crypto, RFC8037_KEY);
    const r = await compactVerify(RFC8037_TOKEN, key, { algorithms: ['EdDSA'] });
    expect(text(r.payload)).toBe('Example of Ed25519 signing');
    expect(await compactSign(Utf8.encode('Example of Ed25519 signing'), key, { alg: 'EdDSA' })).toBe(RFC8037_TOKEN);
  });

  it('RFC 7797 4.2: unencoded detached payload with "b64": false in crit', async () => {
    const key = JoseKey.fromJwk(crypto, A1_KEY);
    const r = await compactVerify(RFC7797_TOKEN, key, { algorithms: ['HS256'], detachedPayload: Utf8.encode('$.02') });
    expect(text(r.payload)).toBe('$.02');
    expect(r.protectedHeader.b64).toBe(false);
    expect(await compactSign(Utf8.encode('$.02'), key, { alg: 'HS256', b64: false }, { detached: true })).toBe(RFC7797_TOKEN);
    // The same token as a JWT is refused: JWTs never use unencoded payloads.
    await expect(jwtVerify(RFC7797_TOKEN, key, { algorithms: ['HS256'] })).rejects.toMatchObject({ code: expect.stringMatching(/ERR_J/) });
    expect(fromB64u('A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY').length).toBe(32);
  });
});
