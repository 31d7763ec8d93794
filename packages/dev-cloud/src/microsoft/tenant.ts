import { isGuid } from "./guid.js";

/** The tenant id Microsoft uses for personal (MSA) accounts; tokens for OneDrive personal carry it. */
export const CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

/**
 * True for a `{tenant}` path segment the identity platform accepts:
 * `common`, `organizations`, `consumers` or a tenant GUID.
 *
 * @param tenant - The decoded path segment.
 */
export function isKnownTenant(tenant: string): boolean {
  return (
    tenant === "common" || tenant === "organizations" || tenant === "consumers" || isGuid(tenant)
  );
}
