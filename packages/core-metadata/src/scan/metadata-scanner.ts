import type { LibraryService, TagResult, Track, TrackKey } from "@player/core-library";
import {
  type EventBus,
  isPlayerError,
  type Logger,
  type MetadataProgressData,
  type StorageProvider,
} from "@player/core-runtime";
import PQueue from "p-queue";
import { readTags } from "../tags/read-tags.js";
import { fileTagsFrom } from "./file-tags.js";

/** The library calls the scan needs. */
export type ScanLibrary = Pick<
  LibraryService,
  "tracksNeedingTags" | "countTracksNeedingTags" | "getTracks" | "applyTagResults" | "saveLyrics"
>;

/** Options of {@link MetadataScanner}. */
export interface MetadataScannerOptions {
  bus: EventBus;
  library: ScanLibrary;
  /** The accounts whose tracks to scan (the signed-in ones). */
  accountIds: () => Promise<readonly string[]> | readonly string[];
  /** The drive of an account, or `undefined` when it cannot be read now. */
  storageFor: (accountId: string) => StorageProvider | undefined;
  /** Files read at once. Default 4. */
  concurrency?: number;
  /** Results written to the library together. Default 25. */
  batchSize?: number;
  /** Least milliseconds between two `metadata:progress` events while scanning. Default 250. */
  progressIntervalMs?: number;
  /** The tag reader; tests inject their own. Default {@link readTags}. */
  read?: typeof readTags;
  logger?: Logger;
  /** Clock for the progress throttle. Default `performance.now`. */
  now?: () => number;
}

/** Priority of tracks the page asked for, above the background order (0). */
const WANTED = 10;
/** A result waits at most this long for its batch to fill. */
const FLUSH_DELAY_MS = 100;

/**
 * The progressive background tag scan. It reads the tags of every track that
 * needs them (new or changed files; the `needsTags` flag is stored, so a scan
 * stopped by a restart resumes where it was), a few files at a time, and
 * writes the results in batches. Tracks the page asks for
 * ({@link MetadataScanner.prioritize}: visible rows, the album being opened,
 * the track about to play) jump the queue. Unreadable tags leave the track's
 * file-name fields and a warning; a network failure leaves the track for a
 * later pass. Progress goes out as `metadata:progress`.
 *
 * @example
 * ```ts
 * const scanner = new MetadataScanner({ bus, library, accountIds: () => ["google:alex"], storageFor });
 * scanner.start();
 * scanner.prioritize(visibleTrackKeys);
 * ```
 */
export class MetadataScanner {
  readonly #options: MetadataScannerOptions;
  readonly #queue: PQueue;
  readonly #read: typeof readTags;
  readonly #batchSize: number;
  readonly #now: () => number;
  readonly #abort = new AbortController();
  /** Keys queued or being read, or read and waiting to be written. */
  readonly #busy = new Set<TrackKey>();
  /** Keys whose read failed for a transient reason in this pass. */
  readonly #failedKeys = new Set<TrackKey>();
  #pending: { result: TagResult; lyrics?: string; accountId: string }[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #pump: Promise<void> | undefined;
  #pumpAgain = false;
  #stopListening: (() => void) | undefined;
  /** Accounts whose sync job runs now: the scan waits for them. */
  readonly #syncingAccounts = new Set<string>();
  #progress: MetadataProgressData = {
    state: "idle",
    done: 0,
    remaining: 0,
    unreadable: 0,
    failed: 0,
  };
  #lastProgressAt = Number.NEGATIVE_INFINITY;
  #idleWaiters: (() => void)[] = [];

  constructor(options: MetadataScannerOptions) {
    this.#options = options;
    this.#queue = new PQueue({ concurrency: options.concurrency ?? 4 });
    this.#read = options.read ?? readTags;
    this.#batchSize = options.batchSize ?? 25;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Starts scanning now and again whenever sync adds, changes or removes tracks. */
  start(): void {
    if (this.#stopListening !== undefined || this.#abort.signal.aborted) return;
    const { bus } = this.#options;
    const stops = [
      bus.on("library:tracks-changed", (change) => {
        // Removals too: a pass with nothing to read goes idle at once, and says so.
        if (change.added > 0 || change.updated > 0 || change.removed > 0) this.#kick();
      }),
      // The scan follows sync: while an account lists its files, no new read starts
      // (they would compete for the network and the database with the listing).
      bus.on("sync:start", ({ accountId }) => this.#syncing(accountId, true)),
      bus.on("sync:end", ({ accountId }) => this.#syncing(accountId, false)),
      bus.on("sync:error", ({ accountId }) => this.#syncing(accountId, false)),
    ];
    this.#stopListening = () => {
      for (const stop of stops) stop();
    };
    this.#kick();
  }

  /** Where the scan stands. */
  get status(): MetadataProgressData {
    return { ...this.#progress };
  }

  /** Sets how many files are read at once (1–16). */
  set concurrency(value: number) {
    this.#queue.concurrency = value;
  }

  /**
   * Moves tracks to the front of the queue (or queues them now), for the
   * rows the page shows, the album being opened or the track about to play.
   * Tracks whose tags are already read are ignored.
   */
  prioritize(keys: readonly TrackKey[]): void {
    if (this.#abort.signal.aborted || keys.length === 0) return;
    const missing: TrackKey[] = [];
    for (const key of keys) {
      if (this.#busy.has(key)) {
        try {
          this.#queue.setPriority(key, WANTED);
        } catch {
          // Already running or read: nothing to move.
        }
      } else missing.push(key);
    }
    if (missing.length === 0) return;
    void this.#options.library.getTracks(missing).then(
      (tracks) => {
        for (const track of tracks) {
          if (track?.needsTags !== true) continue;
          this.#failedKeys.delete(track.key);
          this.#enqueue(track, WANTED);
        }
        this.#kick();
      },
      (error: unknown) => this.#options.logger?.warn("prioritize failed", { error: String(error) }),
    );
  }

  /** Resolves when no track waits for its tags (or the scanner is disposed). */
  whenIdle(): Promise<void> {
    if (this.#pump === undefined && this.#busy.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops reading; results already read are still written. */
  dispose(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#stopListening?.();
    this.#queue.clear();
    void this.#flush();
    this.#resolveIdle();
  }

  #syncing(accountId: string, running: boolean): void {
    if (running) this.#syncingAccounts.add(accountId);
    else this.#syncingAccounts.delete(accountId);
    if (this.#syncingAccounts.size > 0) this.#queue.pause();
    else if (!this.#abort.signal.aborted) {
      this.#queue.start();
      this.#kick();
    }
  }

  #kick(): void {
    if (this.#abort.signal.aborted) return;
    if (this.#pump !== undefined) {
      this.#pumpAgain = true;
      return;
    }
    this.#pump = this.#run()
      .catch((error: unknown) =>
        this.#options.logger?.error("metadata scan stopped", { error: String(error) }),
      )
      .finally(() => {
        this.#pump = undefined;
        if (this.#pumpAgain && !this.#abort.signal.aborted) {
          this.#pumpAgain = false;
          this.#kick();
          return;
        }
        this.#failedKeys.clear();
        void this.#emitProgress("idle", true).finally(() => this.#resolveIdle());
      });
  }

  /** One pass: keeps the queue fed until no readable track needs tags. */
  async #run(): Promise<void> {
    this.#pumpAgain = false;
    await this.#emitProgress("scanning", true);
    const signal = this.#abort.signal;
    for (;;) {
      if (signal.aborted) return;
      const added = await this.#refill();
      if (added === 0 && this.#queue.size === 0) {
        await this.#queue.onIdle();
        await this.#flush();
        // Results written while waiting may have let through tracks changed meanwhile.
        if ((await this.#refill()) === 0) return;
      }
      await this.#queue.onSizeLessThan(this.#queue.concurrency);
    }
  }

  /** Queues the next tracks needing tags of every account; returns how many. */
  async #refill(): Promise<number> {
    // Top the queue up to a few reads per slot: enough to keep every slot busy,
    // few enough that tracks the page asks for do not wait behind many others.
    const want = this.#queue.concurrency * 4 - this.#queue.size;
    let added = 0;
    if (want <= 0) return 0;
    for (const accountId of await this.#options.accountIds()) {
      if (this.#options.storageFor(accountId) === undefined) continue;
      const skip = new Set([...this.#busy, ...this.#failedKeys]);
      const tracks = await this.#options.library.tracksNeedingTags(accountId, want - added, skip);
      for (const track of tracks) {
        this.#enqueue(track, 0);
        added++;
        if (added >= want) return added;
      }
    }
    return added;
  }

  #enqueue(track: Track, priority: number): void {
    if (this.#busy.has(track.key)) return;
    this.#busy.add(track.key);
    void this.#queue
      .add(() => this.#readOne(track), { priority, id: track.key })
      .catch(() => this.#busy.delete(track.key));
  }

  async #readOne(track: Track): Promise<void> {
    const signal = this.#abort.signal;
    const storage = this.#options.storageFor(track.accountId);
    if (storage === undefined || signal.aborted) {
      this.#busy.delete(track.key);
      return;
    }
    const base = { key: track.key, contentVersion: track.contentVersion };
    try {
      const tags = await this.#read(storage, track.remoteId, {
        signal,
        mimeType: track.mimeType,
        sizeBytes: track.sizeBytes,
        fileName: track.fileName,
      });
      const lyrics = tags.lyrics?.trim();
      this.#push({
        result: { ...base, tags: fileTagsFrom(tags, track) },
        accountId: track.accountId,
        ...(lyrics === undefined || lyrics === "" ? {} : { lyrics }),
      });
    } catch (error) {
      if (signal.aborted) {
        this.#busy.delete(track.key);
        return;
      }
      if (isPlayerError(error) && error.code === "metadata/unreadable") {
        this.#progress.unreadable++;
        this.#push({ result: { ...base, warning: describe(error) }, accountId: track.accountId });
        return;
      }
      this.#progress.failed++;
      this.#failedKeys.add(track.key);
      this.#busy.delete(track.key);
      this.#options.logger?.warn("tag read failed; retried later", {
        trackId: track.key,
        error: String(error),
      });
    }
  }

  #push(entry: { result: TagResult; lyrics?: string; accountId: string }): void {
    this.#pending.push(entry);
    if (this.#pending.length >= this.#batchSize) void this.#flush();
    else this.#flushTimer ??= setTimeout(() => void this.#flush(), FLUSH_DELAY_MS);
  }

  /** Writes the pending results in one transaction, one flush at a time. */
  #flush(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return this.#flushing;
    this.#flushing = this.#flushing.then(async () => {
      try {
        await this.#options.library.applyTagResults(batch.map((entry) => entry.result));
        for (const entry of batch) {
          if (entry.lyrics !== undefined) {
            await this.#options.library.saveLyrics(entry.result.key, entry.lyrics, "embedded");
          }
        }
        this.#progress.done += batch.length;
      } catch (error) {
        this.#progress.failed += batch.length;
        this.#options.logger?.error("writing tags failed", { error: String(error) });
      } finally {
        for (const entry of batch) this.#busy.delete(entry.result.key);
      }
      await this.#emitProgress("scanning", false);
    });
    return this.#flushing;
  }

  async #emitProgress(state: MetadataProgressData["state"], force: boolean): Promise<void> {
    const now = this.#now();
    if (!force && now - this.#lastProgressAt < (this.#options.progressIntervalMs ?? 250)) return;
    this.#lastProgressAt = now;
    let remaining = 0;
    try {
      for (const accountId of await this.#options.accountIds()) {
        remaining += await this.#options.library.countTracksNeedingTags(accountId);
      }
    } catch {
      remaining = this.#busy.size;
    }
    this.#progress = { ...this.#progress, state, remaining };
    this.#options.bus.emit("metadata:progress", { ...this.#progress });
  }

  #resolveIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The reader's message and its cause's, for the track's warning. */
function describe(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`.slice(0, 300);
}
