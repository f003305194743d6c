import { createECDH, createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software WebAuthn authenticator (ES256, attestation "none") for demo content, tests and benchmarks: it builds
 * the same bytes a platform authenticator sends, so the server verifies them for real. Flags and
 * inputs can be bent to produce the hostile cases (no user verification, wrong origin, ...).
 */
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

export interface SoftCredential {
  id: string;
  privateKey: KeyObject;
  /** The COSE public key, base64url (as the server stores it). */
  publicKey: string;
  userHandle: string;
  rpId: string;
  counter: number;
}

export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  userPresent?: boolean;
  challenge?: string;
  type?: string;
  counter?: number;
}

const AAGUID = Buffer.from('00000000000000000000000000000000', 'hex');

function flags(o: CeremonyOverrides, attested: boolean): number {
  let f = 0;
  if (o.userPresent !== false) f |= 0x01;
  if (o.userVerified !== false) f |= 0x04;
  if (attested) f |= 0x40;
  return f;
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/**
 * A fresh P-256 key pair and its public point's coordinates. Made with ECDH and imported, not with
 * `generateKeyPairSync` + `export({ format: 'jwk' })`: on Node 20 that pair can deadlock the
 * process (the JWK export holds the key's mutex while allocating; a garbage collection at that
 * moment destroys the finished key generation job, whose destructor takes the same mutex), which
 * happens about once in tens of thousands of keys: a benchmark or load test preparing thousands
 * of signers would hang with its event loop blocked.
 */
function newP256Key(): { privateKey: KeyObject; publicKey: KeyObject; x: Buffer; y: Buffer } {
  const ecdh = createECDH('prime256v1');
  const point = ecdh.generateKeys(); // 0x04 | X (32 bytes) | Y (32 bytes)
  const x = point.subarray(1, 33);
  const y = point.subarray(33, 65);
  const raw = ecdh.getPrivateKey();
  const d = Buffer.concat([Buffer.alloc(32 - raw.length), raw]);
  const jwk = { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') };
  return {
    privateKey: createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' }),
    publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
    x,
    y,
  };
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(readonly origin: string) {}

  createCredential(options: PublicKeyCredentialCreationOptionsJSON, o: CeremonyOverrides = {}): RegistrationResponseJSON {
    const rpId = o.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey, x, y } = newP256Key();
    const cose = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, x],
      [-3, y],
    ]);
    const credentialId = randomBytes(32);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flags(o, true)]),
      counterBytes(o.counter ?? 0),
      AAGUID,
      idLength,
      credentialId,
      Buffer.from(isoCBOR.encode(cose as never)),
    ]);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]) as never);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: o.type ?? 'webauthn.create', challenge: o.challenge ?? options.challenge, origin: o.origin ?? this.origin, crossOrigin: false }),
    );
    const id = b64url(credentialId);
    const publicKeyCose = b64url(isoCBOR.encode(cose as never));
    this.credentials.push({ id, privateKey, publicKey: publicKeyCose, userHandle: options.user.id, rpId, counter: o.counter ?? 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
        authenticatorData: b64url(authData),
      },
    };
  }

  getAssertion(options: PublicKeyCredentialRequestOptionsJSON, o: CeremonyOverrides & { credential?: SoftCredential } = {}): AuthenticationResponseJSON {
    const cred = o.credential ?? this.credentials[this.credentials.length - 1];
    if (!cred) throw new Error('no credential');
    cred.counter = o.counter ?? cred.counter + 1;
    const authData = Buffer.concat([sha256(o.rpId ?? cred.rpId), Buffer.from([flags(o, false)]), counterBytes(cred.counter)]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: o.type ?? 'webauthn.get', challenge: o.challenge ?? options.challenge, origin: o.origin ?? this.origin, crossOrigin: false }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), cred.privateKey);
    return {
      id: cred.id,
      rawId: cred.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: cred.userHandle,
      },
    };
  }
}
