// Discord signs every request it sends to an interactions endpoint with the application's Ed25519 key: the
// signature (X-Signature-Ed25519, hex) covers the timestamp header (X-Signature-Timestamp) followed by the raw body.
// Verified with Node's own crypto before anything else reads the body.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The application's public key (64 hex characters, as the Developer Portal shows it) as a key Node can verify with. */
export function publicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/** True only when both headers are present and well formed and the signature is the key's over timestamp + body. */
export function isSignedByDiscord(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,20}$/.test(timestamp)) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
}
