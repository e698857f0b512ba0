import type { Permission, StaffRole } from '@tongban/domain';

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
    };

export type SessionResolution = { actor: Actor; expired?: boolean };

export type SessionResolver = (sessionToken: string) => Promise<SessionResolution>;

/**
 * What a route requires. Every route declares one (the app refuses to start otherwise):
 * `public` (no session), `user` (a citizen/enterprise account), `staff` (any staff account),
 * `authenticated` (either), or a permission a staff member's roles must grant.
 */
export type RouteAccess = 'public' | 'user' | 'staff' | 'authenticated' | { permission: Permission };

export const anonymous: Actor = { kind: 'anonymous' };
