// The base64url encode/decode that every JWT verification does (header, payload, signature),
// against Node's native Buffer codec.
import { Base64Url } from '../../sdk/src/main/ets/core/index';
import { defineBench } from './harness';

const sig32 = new Uint8Array(32).map((_, i) => (i * 37) & 255);
const sig256 = new Uint8Array(256).map((_, i) => (i * 91) & 255);
const payload = new TextEncoder().encode(JSON.stringify({ iss: 'urn:arkmesh:issuer', aud: 'media.player', sub: 'device-42', exp: 1900000000, iat: 1700000000, scope: 'play pause seek' }));
const sig32Text = Buffer.from(sig32).toString('base64url');
const sig256Text = Buffer.from(sig256).toString('base64url');
const payloadText = Buffer.from(payload).toString('base64url');
let sink = 0;

export default defineBench({
  name: 'base64url',
  cases: [
    { op: 'encode 32 B (HS256 signature)', arkmesh: () => { sink += Base64Url.encode(sig32).length; }, peers: [{ name: 'Buffer', fn: () => { sink += Buffer.from(sig32.buffer, sig32.byteOffset, sig32.length).toString('base64url').length; } }] },
    { op: 'encode 256 B (RS256 signature)', arkmesh: () => { sink += Base64Url.encode(sig256).length; }, peers: [{ name: 'Buffer', fn: () => { sink += Buffer.from(sig256.buffer, sig256.byteOffset, sig256.length).toString('base64url').length; } }] },
    { op: 'decode 32 B', arkmesh: () => { sink += Base64Url.decode(sig32Text).length; }, peers: [{ name: 'Buffer', fn: () => { sink += Buffer.from(sig32Text, 'base64url').length; } }] },
    { op: 'decode 256 B', arkmesh: () => { sink += Base64Url.decode(sig256Text).length; }, peers: [{ name: 'Buffer', fn: () => { sink += Buffer.from(sig256Text, 'base64url').length; } }] },
    { op: 'decode JWT payload', arkmesh: () => { sink += Base64Url.decode(payloadText).length; }, peers: [{ name: 'Buffer', fn: () => { sink += Buffer.from(payloadText, 'base64url').length; } }] },
  ],
});
