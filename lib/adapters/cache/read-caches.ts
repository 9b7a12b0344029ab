// The web process's caches of what every download asks the databases: who a bearer token
// or session cookie belongs to, a user's role in an organization, a report's header, an
// organization's report settings (paper, number format: they name the PDF). Each
// is dropped by a PostgreSQL notification sent by the write that changes it (see
// invalidation.ts), so a warm download touches no database at all. While the listener is
// not connected the caches are off (`enabled` false) and every request asks the databases:
// correctness never depends on them (DESIGN.md, "Scale-out").
import type { Role } from '../../domains/auth/access';
import type { ReportPresentation } from '../../domains/reports/presentation';
import type { ReportHeader } from '../../domains/reports/store';
import { InvalidatedCache } from './invalidated-cache';

/** A bearer token's or session's owner; `null`: no such credential. */
export type CachedCredential = { userId: string; expiresAt: number } | null;

export type InvalidationKind = 'credential' | 'membership' | 'report' | 'organization';

export interface ReadCaches {
  /** Key: "token:" or "session:" + the secret's hash (the same hash the database keeps). */
  readonly credentials: InvalidatedCache<CachedCredential>;
  /** Key: membershipKey(user, organization); `null`: not a member. */
  readonly memberships: InvalidatedCache<Role | null>;
  /** Key: the report ID; `null`: no document yet. */
  readonly reportHeaders: InvalidatedCache<ReportHeader | null>;
  /** Key: the organization ID. */
  readonly reportPresentations: InvalidatedCache<ReportPresentation>;
  /** True while invalidations are being received. */
  enabled: boolean;
  invalidate(kind: InvalidationKind | 'all', key: string): void;
  clear(): void;
}

export function membershipKey(userId: string, organizationId: string): string {
  return `${userId}:${organizationId}`;
}

export function createReadCaches(options: { maxEntries: number }): ReadCaches {
  const credentials = new InvalidatedCache<CachedCredential>(options.maxEntries);
  const memberships = new InvalidatedCache<Role | null>(options.maxEntries);
  const reportHeaders = new InvalidatedCache<ReportHeader | null>(options.maxEntries);
  const reportPresentations = new InvalidatedCache<ReportPresentation>(options.maxEntries);
  const byKind = { credential: credentials, membership: memberships, report: reportHeaders, organization: reportPresentations };
  const clear = () => {
    for (const cache of Object.values(byKind)) cache.clear();
  };
  return {
    credentials,
    memberships,
    reportHeaders,
    reportPresentations,
    enabled: false,
    invalidate(kind, key) {
      if (kind === 'all') clear();
      else if (key === '*') byKind[kind].clear();
      else byKind[kind].invalidate(key);
    },
    clear,
  };
}
