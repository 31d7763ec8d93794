import type {
  RemoteFile,
  SyncBatch,
  SyncBatchResult,
  SyncCursor,
  SyncTarget,
} from "@player/core-library";
import {
  type EventBus,
  isPlayerError,
  type Logger,
  PlayerError,
  type PlayerEventMap,
  type SyncPhase,
  toPlayerError,
} from "@player/core-runtime";
import type { SyncConnector } from "./sync-connector.js";

/** Options of {@link runSyncJob}. */
export interface SyncJobOptions {
  accountId: string;
  connector: SyncConnector;
  /** The library; every page and its cursor are stored through `applySyncBatch`. */
  target: SyncTarget;
  /** Receives `sync:start`, `sync:progress`, `sync:end` and `sync:error`. */
  bus?: EventBus<PlayerEventMap>;
  logger?: Logger;
  /** Stops the job between (or during) requests; what was stored stays stored. */
  signal?: AbortSignal;
  /** Clock for cursors and estimates. Default `Date.now`. */
  now?: () => number;
  /** Start a new full listing even if a cursor is stored (a manual "rescan"). */
  forceFullListing?: boolean;
}

/** What a finished job did. */
export interface SyncSummary {
  accountId: string;
  added: number;
  updated: number;
  removed: number;
  needsTags: number;
  /** Batches stored. */
  pages: number;
  /** Whether a full listing ran (first sync, resync, or a resumed listing). */
  fullListing: boolean;
}

/**
 * Rounds of changes per job. A round that found changes is followed by
 * another one, up to this many. With a connector whose round end is fixed
 * when the round starts (OneDrive), the first round of a job that continues
 * a stored changes cursor may have started in an earlier job: it ends in the
 * past, and the items changed since were left out of it (it can come back
 * empty while changes wait), so it is always followed by another round.
 */
const MAX_CHANGE_ROUNDS = 4;

/** More than this many resyncs in one job means something is wrong; give up until the next job. */
const MAX_RESYNCS = 3;

/**
 * Runs one sync job for an account: continues a stored full listing, or
 * starts one when there is no cursor (or the provider asks for a resync),
 * then reads changes until the provider has no more. Each page is stored with
 * its cursor in one `applySyncBatch`, so a job stopped at any moment resumes
 * where it stopped.
 *
 * @returns Totals of the job.
 * @throws PlayerError `sync/cancelled` when `signal` aborts; any connector or
 *   target error (also reported as `sync:error`).
 *
 * @example
 * ```ts
 * const summary = await runSyncJob({ accountId, connector, target, bus, signal });
 * ```
 */
export async function runSyncJob(options: SyncJobOptions): Promise<SyncSummary> {
  const { accountId, connector, target, bus, signal } = options;
  const now = options.now ?? Date.now;
  const provider = connector.provider;
  const startedAt = now();
  const summary: SyncSummary = {
    accountId,
    added: 0,
    updated: 0,
    removed: 0,
    needsTags: 0,
    pages: 0,
    fullListing: false,
  };
  const progress = { discovered: 0, processed: 0, failed: 0 };
  const log = options.logger?.child("sync");
  let phase: SyncPhase = "full";

  const checkAborted = (): void => {
    if (signal?.aborted)
      throw new PlayerError("sync/cancelled", "Sync was cancelled", { cause: signal.reason });
  };

  const store = async (batch: SyncBatch, fractionDone: number | undefined): Promise<void> => {
    let result: SyncBatchResult;
    try {
      result = await target.applySyncBatch(batch);
    } catch (cause) {
      throw isPlayerError(cause)
        ? cause
        : new PlayerError("sync/target-failed", "Storing a sync batch failed", {
            cause,
            retryable: true,
          });
    }
    summary.pages++;
    summary.added += result.added;
    summary.updated += result.updated;
    summary.removed += result.removed;
    summary.needsTags += result.needsTags;
    progress.processed += batch.upserts.length + batch.removals.length;
    bus?.emit("sync:progress", {
      accountId,
      provider,
      phase,
      ...progress,
      estimatedMsLeft: estimate(now() - startedAt, fractionDone),
    });
  };

  const batchOf = (
    upserts: RemoteFile[],
    removals: string[],
    failed: number,
    cursor: SyncCursor,
  ): SyncBatch => {
    progress.discovered += upserts.length + removals.length + failed;
    progress.failed += failed;
    return { accountId, provider, upserts, removals, cursor };
  };

  try {
    connector.resetCaches();
    let cursor = options.forceFullListing ? undefined : await target.getSyncCursor(accountId);
    const resumed = cursor !== undefined;
    const beginFull = async (previous: SyncCursor | undefined): Promise<SyncCursor> => {
      checkAborted();
      const nextIncrementalToken = await connector.startFullListing(signal);
      return {
        phase: "full",
        token: null,
        generation: (previous?.generation ?? 0) + 1,
        nextIncrementalToken,
        updatedAt: now(),
      };
    };
    const needsFull =
      cursor === undefined || (cursor.phase === "incremental" && cursor.token === null);
    phase = needsFull ? "full" : (cursor?.phase ?? "full");
    bus?.emit("sync:start", { accountId, provider, phase, resumed });
    log?.info("Sync started", { accountId, phase, resumed });
    if (cursor === undefined || needsFull) {
      // A forced rescan still numbers its generation after the stored one.
      const previous =
        cursor ?? (options.forceFullListing ? await target.getSyncCursor(accountId) : undefined);
      cursor = await beginFull(previous);
    }

    let rounds = 1;
    let roundHadChanges = false;
    // Set when the job starts on a stored changes cursor, which may be a page link of an old round.
    let roundMayBeOld = connector.roundEndIsFixed === true && cursor.phase === "incremental";
    for (let resyncs = 0; ; ) {
      checkAborted();
      try {
        if (cursor.phase === "full") {
          phase = "full";
          summary.fullListing = true;
          const page = await connector.listFullPage(cursor.token, signal);
          checkAborted();
          const done = page.nextToken === null;
          const incrementalToken = page.incrementalToken ?? cursor.nextIncrementalToken ?? null;
          if (done && incrementalToken === null) {
            throw new PlayerError(
              "sync/invalid-response",
              "The full listing ended without a changes cursor",
            );
          }
          const next: SyncCursor = done
            ? {
                phase: "incremental",
                token: incrementalToken,
                generation: cursor.generation,
                nextIncrementalToken: null,
                updatedAt: now(),
              }
            : {
                phase: "full",
                token: page.nextToken,
                generation: cursor.generation,
                nextIncrementalToken: cursor.nextIncrementalToken ?? null,
                updatedAt: now(),
              };
          const batch = batchOf(page.upserts, page.removals, page.failed, next);
          if (done) batch.completesFullListing = true;
          await store(batch, done ? 1 : page.fractionDone);
          cursor = next;
        } else {
          phase = "incremental";
          const token = cursor.token ?? "";
          const page = await connector.listChangesPage(token, signal);
          checkAborted();
          const next: SyncCursor = {
            phase: "incremental",
            token: page.nextToken,
            generation: cursor.generation,
            nextIncrementalToken: null,
            updatedAt: now(),
          };
          const unchanged =
            page.upserts.length === 0 && page.removals.length === 0 && page.nextToken === token;
          if (!unchanged)
            await store(batchOf(page.upserts, page.removals, page.failed, next), undefined);
          cursor = next;
          roundHadChanges ||= page.upserts.length + page.removals.length > 0;
          if (page.done) {
            if ((!roundHadChanges && !roundMayBeOld) || rounds >= MAX_CHANGE_ROUNDS) break;
            rounds++;
            roundHadChanges = false;
            roundMayBeOld = false;
          }
        }
      } catch (error) {
        if (
          !isPlayerError(error) ||
          error.code !== "sync/resync-required" ||
          resyncs >= MAX_RESYNCS
        )
          throw error;
        resyncs++;
        log?.warn("Provider asked for a resync; starting a new full listing", { accountId });
        cursor = await beginFull(cursor);
        roundMayBeOld = false; // the listing's deltaLink starts a new round
      }
    }
    bus?.emit("sync:end", {
      accountId,
      provider,
      outcome: "completed",
      ...totals(summary),
      durationMs: now() - startedAt,
    });
    return summary;
  } catch (caught) {
    const error = signal?.aborted
      ? new PlayerError("sync/cancelled", "Sync was cancelled", { cause: signal.reason })
      : toPlayerError(caught);
    if (error.code === "sync/cancelled") {
      bus?.emit("sync:end", {
        accountId,
        provider,
        outcome: "cancelled",
        ...totals(summary),
        durationMs: now() - startedAt,
      });
    } else {
      log?.warn("Sync failed", { accountId, code: error.code });
      bus?.emit("sync:error", { accountId, provider, error: error.toJSON() });
    }
    throw error;
  }
}

function totals(summary: SyncSummary) {
  const { added, updated, removed, needsTags, fullListing } = summary;
  return { added, updated, removed, needsTags, fullListing };
}

/** Time left from the time spent and the share done; `null` without a share. */
function estimate(elapsedMs: number, fractionDone: number | undefined): number | null {
  if (fractionDone === undefined || fractionDone <= 0) return null;
  if (fractionDone >= 1) return 0;
  return Math.round((elapsedMs / fractionDone) * (1 - fractionDone));
}
