import { decodeOpaqueToken, encodeOpaqueToken, isCount, isRecord } from "./opaque-token.js";

/**
 * Delta tokens older than this get `410 Gone` (resync). OneDrive does not
 * publish its retention; 30 days of server clock is long enough never to
 * bite a running client and short enough for a test to reach with the clock.
 */
export const DELTA_TOKEN_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Where a delta round stands. Every cursor names the library it belongs to
 * (its root id), so a token from another server run is refused.
 */
export type DeltaCursor =
  /** Mid-way through a full enumeration that started at change `seq`. */
  | {
      kind: "enumerate";
      root: string;
      seq: number;
      /** The last item id already sent, to resume after it. */
      after: string;
      /** How many items were sent, to resume near there if `after` vanished. */
      offset: number;
      issuedAt: number;
    }
  /**
   * Changes after `seq`. `until` fixes the end of a paged round, so that
   * changes made while a client pages are left for the next round.
   */
  | { kind: "changes"; root: string; seq: number; until: number | undefined; issuedAt: number };

/** Encodes a cursor as an opaque `token` value. */
export function encodeDeltaCursor(cursor: DeltaCursor): string {
  if (cursor.kind === "enumerate") {
    return encodeOpaqueToken({
      k: "e",
      r: cursor.root,
      s: cursor.seq,
      a: cursor.after,
      o: cursor.offset,
      t: cursor.issuedAt,
    });
  }
  return encodeOpaqueToken({
    k: "c",
    r: cursor.root,
    s: cursor.seq,
    ...(cursor.until === undefined ? {} : { u: cursor.until }),
    t: cursor.issuedAt,
  });
}

/** Decodes a `token` value; `undefined` when the emulator did not mint it. */
export function decodeDeltaCursor(token: string): DeltaCursor | undefined {
  const fields = decodeOpaqueToken(token);
  if (
    !isRecord(fields) ||
    typeof fields.r !== "string" ||
    !isCount(fields.s) ||
    !isCount(fields.t)
  ) {
    return undefined;
  }
  if (fields.k === "e" && typeof fields.a === "string" && isCount(fields.o)) {
    return {
      kind: "enumerate",
      root: fields.r,
      seq: fields.s,
      after: fields.a,
      offset: fields.o,
      issuedAt: fields.t,
    };
  }
  if (fields.k === "c" && (fields.u === undefined || isCount(fields.u))) {
    return { kind: "changes", root: fields.r, seq: fields.s, until: fields.u, issuedAt: fields.t };
  }
  return undefined;
}
