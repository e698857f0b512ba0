import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import { checkPurpose, isPurpose, keyIdOf, keyRingMethods, type Signer, toBuffer } from './signing.ts';

/**
 * The `Signer` on a PKCS#11 token (a hardware security module, or SoftHSM 2 in tests) through
 * pkcs11js, PeculiarVentures' maintained binding (pinned). Ed25519 is PKCS#11 3.0's EdDSA:
 * key type CKK_EC_EDWARDS, generated with CKM_EC_EDWARDS_KEY_PAIR_GEN, signed with CKM_EDDSA;
 * pkcs11js 2.1 does not name these constants, so they are spelled here.
 *
 * Keys are generated inside the token (private half sensitive, never extractable), labelled with
 * their purpose; CKA_ID holds the creation time in ms (decimal ASCII), which orders a purpose's keys
 * so that the newest is the current one. Public keys are read from the token (CKA_EC_POINT) when the
 * signer opens and kept in memory for verification and publication. Use a token (or slot) of its own:
 * every Ed25519 key pair whose label is a valid purpose is taken as one of ours.
 *
 * Like the file store, a key rotated by another process is seen here after a restart (until then
 * this process keeps signing with the older key, which stays valid).
 */
const CKK_EC_EDWARDS = 0x40;
const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
const CKM_EDDSA = 0x1057;
/** DER of the Ed25519 OID 1.3.101.112 (RFC 8410), the CKA_EC_PARAMS of an Ed25519 key. */
const ED25519_PARAMS = Buffer.from('06032b6570', 'hex');
/** SPKI DER prefix of an Ed25519 public key; the 32 raw bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

type P11 = typeof Pkcs11Types;
type Lib = InstanceType<P11['PKCS11']>;
type Handle = Buffer;

type Pkcs11Options = {
  /** Path of the PKCS#11 library (`.so`), e.g. /usr/lib/softhsm/libsofthsm2.so. */
  modulePath: string;
  /** The token's label, or else its slot id. */
  tokenLabel?: string | undefined;
  slot?: number | undefined;
  /** The user PIN; in production from the city's secret store through the environment. */
  pin: string;
};

let binding: P11 | undefined;
function loadBinding(): P11 {
  binding ??= createRequire(import.meta.url)('pkcs11js') as P11;
  return binding;
}

/**
 * One loaded library per path for the whole process: PKCS#11 is initialised once per process, and
 * the last signer to close finalises it. Initialised with CKF_OS_LOCKING_OK because signing runs on
 * libuv's thread pool (C_SignAsync) while other calls run on the main thread.
 */
const libraries = new Map<string, { lib: Lib; users: number }>();

function acquireLibrary(modulePath: string): Lib {
  const held = libraries.get(modulePath);
  if (held) {
    held.users++;
    return held.lib;
  }
  const p11 = loadBinding();
  const lib = new p11.PKCS11();
  try {
    lib.load(modulePath);
  } catch (error) {
    throw new Error(`PKCS#11: cannot load the module ${modulePath} (PKCS11_MODULE): ${(error as Error).message}`);
  }
  try {
    lib.C_Initialize({ flags: p11.CKF_OS_LOCKING_OK });
  } catch (error) {
    if ((error as { code?: number }).code !== p11.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      lib.close();
      throw error;
    }
  }
  libraries.set(modulePath, { lib, users: 1 });
  return lib;
}

function releaseLibrary(modulePath: string): void {
  const held = libraries.get(modulePath);
  if (!held) return;
  if (--held.users > 0) return;
  libraries.delete(modulePath);
  try {
    held.lib.C_Finalize();
  } finally {
    held.lib.close();
  }
}

/** A slot id as the binding hands it out: a CK_ULONG in native byte order (little-endian here). */
const slotNumber = (slot: Handle) => (slot.length >= 8 ? Number(slot.readBigUInt64LE(0)) : slot.readUInt32LE(0));

function findSlot(lib: Lib, options: Pkcs11Options): Handle {
  const slots = lib.C_GetSlotList(true);
  const labelOf = (s: Handle) => lib.C_GetTokenInfo(s).label.trim();
  const listed = () => slots.map((s) => `slot ${slotNumber(s)} "${labelOf(s)}"`).join(', ') || 'none';
  if (options.tokenLabel) {
    const slot = slots.find((s) => labelOf(s) === options.tokenLabel);
    if (!slot) throw new Error(`PKCS#11: no token labelled "${options.tokenLabel}" (PKCS11_TOKEN_LABEL); tokens: ${listed()}`);
    return slot;
  }
  const slot = slots.find((s) => slotNumber(s) === options.slot);
  if (!slot) throw new Error(`PKCS#11: no token in slot ${options.slot} (PKCS11_SLOT); tokens: ${listed()}`);
  return slot;
}

/** CKA_EC_POINT of an Ed25519 key: the 32 bytes, DER-wrapped in an OCTET STRING (04 20 …) by most tokens. */
function ed25519PublicKey(point: Buffer): KeyObject {
  const raw = point.length === 34 && point[0] === 0x04 && point[1] === 0x20 ? point.subarray(2) : point;
  if (raw.length !== 32) throw new Error(`PKCS#11: unexpected CKA_EC_POINT of ${point.length} bytes for an Ed25519 key`);
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

type KeyEntry = { keyId: string; purpose: string; publicKey: KeyObject; privateKey: Handle | undefined; createdAt: number };

export async function openPkcs11Signer(options: Pkcs11Options): Promise<Signer> {
  if (!options.modulePath) throw new Error('PKCS#11: set PKCS11_MODULE to the path of the PKCS#11 library');
  if (!options.tokenLabel && options.slot === undefined) throw new Error('PKCS#11: name the token with PKCS11_TOKEN_LABEL or PKCS11_SLOT');
  const p11 = loadBinding();
  const lib = acquireLibrary(options.modulePath);
  const sessions: Handle[] = [];
  let slot: Handle;
  let main: Handle;
  try {
    slot = findSlot(lib, options);
    main = lib.C_OpenSession(slot, p11.CKF_SERIAL_SESSION | p11.CKF_RW_SESSION);
    sessions.push(main);
    try {
      lib.C_Login(main, p11.CKU_USER, options.pin);
    } catch (error) {
      // Login state is per application and token: another signer of this process logged in already.
      if ((error as { code?: number }).code !== p11.CKR_USER_ALREADY_LOGGED_IN) throw error;
    }
  } catch (error) {
    for (const s of sessions) lib.C_CloseSession(s);
    releaseLibrary(options.modulePath);
    throw error;
  }

  const keys = new Map<string, KeyEntry>();
  const current = new Map<string, KeyEntry>();

  const find = (template: Pkcs11Types.Template): Handle[] => {
    lib.C_FindObjectsInit(main, template);
    try {
      const found: Handle[] = [];
      for (;;) {
        const batch = lib.C_FindObjects(main, 100);
        if (batch.length === 0) return found;
        found.push(...batch);
      }
    } finally {
      lib.C_FindObjectsFinal(main);
    }
  };

  const remember = (entry: KeyEntry) => {
    keys.set(entry.keyId, entry);
    const cur = current.get(entry.purpose);
    if (entry.privateKey && (!cur || cur.createdAt < entry.createdAt)) current.set(entry.purpose, entry);
  };

  const edwards = (cls: number) => [
    { type: p11.CKA_CLASS, value: cls },
    { type: p11.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
  ];

  for (const handle of find(edwards(p11.CKO_PUBLIC_KEY))) {
    const [label, id, point] = lib.C_GetAttributeValue(main, handle, [
      { type: p11.CKA_LABEL },
      { type: p11.CKA_ID },
      { type: p11.CKA_EC_POINT },
    ]);
    const purpose = (label?.value as Buffer | undefined)?.toString('utf8') ?? '';
    const idBytes = id?.value as Buffer | undefined;
    const createdAt = Number(idBytes?.toString('ascii'));
    if (!isPurpose(purpose) || !idBytes || !Number.isSafeInteger(createdAt)) continue;
    const publicKey = ed25519PublicKey(point?.value as Buffer);
    const [privateKey] = find([
      ...edwards(p11.CKO_PRIVATE_KEY),
      { type: p11.CKA_LABEL, value: purpose },
      { type: p11.CKA_ID, value: idBytes },
    ]);
    remember({ keyId: keyIdOf(publicKey, purpose), purpose, publicKey, privateKey, createdAt });
  }

  function create(purpose: string): KeyEntry {
    checkPurpose(purpose);
    const createdAt = Math.max(Date.now(), (current.get(purpose)?.createdAt ?? 0) + 1);
    const id = Buffer.from(String(createdAt), 'ascii');
    const common = [
      { type: p11.CKA_TOKEN, value: true },
      { type: p11.CKA_LABEL, value: purpose },
      { type: p11.CKA_ID, value: id },
    ];
    const pair = lib.C_GenerateKeyPair(
      main,
      { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN },
      [...common, { type: p11.CKA_VERIFY, value: true }, { type: p11.CKA_EC_PARAMS, value: ED25519_PARAMS }],
      [
        ...common,
        { type: p11.CKA_SIGN, value: true },
        { type: p11.CKA_PRIVATE, value: true },
        { type: p11.CKA_SENSITIVE, value: true },
        { type: p11.CKA_EXTRACTABLE, value: false },
      ],
    );
    const [point] = lib.C_GetAttributeValue(main, pair.publicKey, [{ type: p11.CKA_EC_POINT }]);
    const publicKey = ed25519PublicKey(point?.value as Buffer);
    const entry: KeyEntry = { keyId: keyIdOf(publicKey, purpose), purpose, publicKey, privateKey: pair.privateKey, createdAt };
    remember(entry);
    return entry;
  }

  const currentFor = (purpose: string) => current.get(purpose) ?? create(purpose);

  // A session runs one signing operation at a time; concurrent signs each take an idle session
  // (opened on demand, logged in already: login is per application). A session whose operation
  // failed is closed rather than reused.
  const idle: Handle[] = [];
  let closed = false;

  return {
    async sign(purpose, data) {
      if (closed) throw new Error('PKCS#11 signer is closed');
      const entry = currentFor(purpose);
      const session = idle.pop() ?? lib.C_OpenSession(slot, p11.CKF_SERIAL_SESSION);
      if (!sessions.includes(session)) sessions.push(session);
      let ok = false;
      try {
        lib.C_SignInit(session, { mechanism: CKM_EDDSA }, entry.privateKey as Handle);
        const signature = await lib.C_SignAsync(session, Buffer.from(toBuffer(data)), Buffer.alloc(64));
        ok = true;
        return { keyId: entry.keyId, signature: signature.toString('base64') };
      } finally {
        if (ok && !closed) idle.push(session);
        else {
          sessions.splice(sessions.indexOf(session), 1);
          try {
            lib.C_CloseSession(session);
          } catch {
            // Already gone with the library: nothing left to release.
          }
        }
      }
    },
    ...keyRingMethods(keys, currentFor, create),
    async close() {
      if (closed) return;
      closed = true;
      // Closing the application's last session on the token also logs it out.
      for (const session of sessions.splice(0)) lib.C_CloseSession(session);
      releaseLibrary(options.modulePath);
    },
  };
}
