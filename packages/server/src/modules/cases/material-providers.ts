import type { Material, MaterialSource, ServiceItemContent } from '@tongban/domain';
import type { Sql } from '../../platform/db/db.ts';

/**
 * The once-only hook (一数一源): at filing, every applicable material whose source is the data
 * hub, the e-licence library or an earlier step is offered to the provider registered for that
 * source kind. The data hub and licences modules register theirs at start-up (through this
 * module's index.ts); until one is registered, or when it cannot supply now, the material is
 * recorded as `pending` with its provenance and the applicant is not asked for it.
 *
 * A provider runs inside the filing transaction (behind a savepoint): what it writes (an
 * exchange-log entry, say) commits with the case, and a provider that throws leaves nothing
 * behind — the material is simply pending.
 */
export type MaterialSupplyRequest = {
  sql: Sql;
  at: Date;
  caseId: string;
  trackingNumber: string;
  itemCode: string;
  /** The published version the case was filed under (checked by the filing, in this transaction). */
  item: Pick<ServiceItemContent, 'name' | 'responsibleDepartment'>;
  material: Material;
  applicant: { idNumber: string; enterpriseCreditCode: string | null };
};

export type SuppliedFile = { storageKey: string; sha256: string; mediaType: string; sizeBytes: number; fileName: string };

export type MaterialSupplyResult =
  | { state: 'attached'; sourceRef: string; file?: SuppliedFile | undefined }
  | { state: 'pending'; note?: string | undefined };

export type MaterialProvider = (request: MaterialSupplyRequest) => Promise<MaterialSupplyResult>;

type PlatformSourceKind = Exclude<MaterialSource['kind'], 'applicant'>;

const providers = new Map<PlatformSourceKind, MaterialProvider>();

export const materialProviders = {
  /** Registers the provider for a source kind; returns a function that removes it again. */
  register(kind: PlatformSourceKind, provider: MaterialProvider): () => void {
    providers.set(kind, provider);
    return () => {
      if (providers.get(kind) === provider) providers.delete(kind);
    };
  },
  get(kind: PlatformSourceKind): MaterialProvider | undefined {
    return providers.get(kind);
  },
};

/** Asks the registered provider; anything but a clean `attached` answer is `pending`. */
export async function supplyMaterial(request: MaterialSupplyRequest): Promise<MaterialSupplyResult> {
  const kind = request.material.source.kind;
  if (kind === 'applicant') return { state: 'pending' };
  const provider = providers.get(kind);
  if (!provider) return { state: 'pending', note: 'no provider registered' };
  // The savepoint goes with the provider's first statement; the release is a query, so the
  // writes the provider queued run (and fail, if they do) inside the try.
  await request.sql.write('savepoint material_provider');
  try {
    const result = await provider(request);
    await request.sql.query('release savepoint material_provider');
    return result;
  } catch (error) {
    // Writes the provider queued before it threw run with this rollback and are undone by it. Should
    // one of them fail, the transaction is aborted and the rollback skipped: the second attempt,
    // with nothing queued any more, then restores the transaction to the savepoint.
    const rollback = () => request.sql.query('rollback to savepoint material_provider');
    await rollback().catch(rollback);
    return { state: 'pending', note: String((error as Error).message ?? error).slice(0, 200) };
  }
}
