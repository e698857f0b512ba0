import type { ApiKeyChannel, ApiKeyScope, ApiKeyUseOutcome, Permission, StaffRole } from '@tongban/domain';

/**
 * Who is making a request. Resolved from the session cookie by the identity module (registered
 * into the platform as a `SessionResolver`, so the platform never imports a module).
 */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      sessionId: string;
      userId: string;
      /** Resident ID number of the natural person behind the account. */
      idNumber: string;
      name: string;
      /** Enterprises (credit codes) this person may act for, as representative or agent. */
      enterprises: readonly string[];
    }
  | {
      kind: 'staff';
      sessionId: string;
      staffId: string;
      name: string;
      departmentId: string;
      /**
       * The staff member's department and every department below it, read with the session (the
       * same statement): the reach of "their department's work" for this request.
       */
      departmentScope: readonly string[];
      roles: readonly StaffRole[];
      permissions: ReadonlySet<Permission>;
    }
  | {
      /** A channel or partner system calling with an API key; only on routes that declare `{ apiKey }`. */
      kind: 'api_key';
      keyId: string;
      name: string;
      channel: ApiKeyChannel;
      scopes: readonly ApiKeyScope[];
      ratePerMinute: number;
    };

export type SessionResolution = { actor: Actor; expired?: boolean };

export type SessionResolver = (sessionToken: string) => Promise<SessionResolution>;

export type ApiKeyActor = Extract<Actor, { kind: 'api_key' }>;

/** A presented API key that names a real key: its actor, or why it no longer works. */
export type ApiKeyLookup = { keyId: string; actor: ApiKeyActor; refusal?: 'revoked' | 'expired' | undefined };

/** One presentation of a key, accepted or refused, as the key's use log keeps it. */
export type ApiKeyUseRecord = { method: string; route: string; ip: string; requestId: string; outcome: ApiKeyUseOutcome };

/**
 * How an API key (`Authorization: Bearer tbk_…`) becomes an actor, provided by the identity
 * module: `find` answers `undefined` for anything that is not a real key (malformed, unknown id,
 * wrong secret); `recordUse` logs every presentation of a real key with its outcome.
 */
export type ApiKeyResolver = {
  find(token: string): Promise<ApiKeyLookup | undefined>;
  recordUse(keyId: string, use: ApiKeyUseRecord): Promise<void>;
};

/**
 * What a route requires. Every route declares one (the app refuses to start otherwise):
 * `public` (no session), `user` (a citizen/enterprise account), `staff` (any staff account),
 * `authenticated` (either), a permission a staff member's roles must grant, or an API key with a
 * scope (`'*'`: any valid key) — channel routes take no session cookie and need no CSRF token.
 */
export type RouteAccess = 'public' | 'user' | 'staff' | 'authenticated' | { permission: Permission } | { apiKey: ApiKeyScope | '*' };

export const anonymous: Actor = { kind: 'anonymous' };
