import { createTrackRenderer } from "./audio/index.js";
import type { DevClock, DevCloudContext, DevUser, OAuthClients } from "./context.js";
import { FaultInjector } from "./faults/index.js";
import { createLibraryStore, createSeededRandom, generateLibrary } from "./library/index.js";
import type { ContentRenderer } from "./library/library-types.js";

/** Options for {@link createDevCloudContext}. */
export interface CreateDevCloudContextOptions {
  /** How many tracks the generated library holds. */
  tracks: number;
  /** Seeds the library, ids and tokens: the same seed gives the same drive. */
  seed: number;
  /** Seeds the fault randomness; default `seed`. */
  faultSeed?: number;
  /** Start of the server clock, ms since the epoch; default `Date.now()`. */
  now?: number;
  /** MusicBrainz requests per second and client; `0` = unlimited. Default 1, like the real service. */
  musicBrainzRequestsPerSecond?: number;
}

/** A context and the handles the server needs besides it. */
export interface DevCloudContextHandle {
  readonly context: DevCloudContext;
  /** The concrete fault injector behind `context.faults` (the admin API sets its rules). */
  readonly faults: FaultInjector;
  /** The renderer behind the library; LRCLIB serves the lyrics it renders. */
  readonly renderer: ContentRenderer;
  /** Sets the origin `context.origin()` returns; called once the server listens. */
  setOrigin(origin: string): void;
}

/** The users who can sign in to both providers (docs/routes.md). */
export const DEV_USERS: readonly DevUser[] = Object.freeze([
  Object.freeze({ id: "alex", displayName: "Alex Example", email: "alex@example.com" }),
  Object.freeze({ id: "sam", displayName: "Sam Sample", email: "sam@example.com" }),
]);

/** The registered OAuth clients (docs/routes.md). */
export const DEV_OAUTH_CLIENTS: OAuthClients = Object.freeze({
  google: Object.freeze({
    clientId: "dev-google-client.apps.googleusercontent.com",
    clientSecret: "dev-google-secret",
  }),
  microsoft: Object.freeze({ clientId: "11111111-2222-3333-4444-555555555555" }),
});

/** Independent random streams per consumer of the one server seed. */
const STORE_STREAM = 0x5704e;
const SERVER_STREAM = 0x5e4e;
const FAULT_STREAM = 0xfa17;

/**
 * Builds everything the route modules share: a settable clock, seeded
 * randomness, the generated library in its store, users, clients and faults.
 *
 * @throws RangeError for a `tracks`, `seed`, `faultSeed` or `now` that is not an integer
 *   in range, or a `musicBrainzRequestsPerSecond` that is negative or not finite.
 *
 * @example
 * ```ts
 * const { context, setOrigin } = createDevCloudContext({ tracks: 60, seed: 1 });
 * setOrigin("http://127.0.0.1:8787");
 * context.library.tracks().length; // 60
 * ```
 */
export function createDevCloudContext(
  options: CreateDevCloudContextOptions,
): DevCloudContextHandle {
  const { tracks, seed } = options;
  const faultSeed = options.faultSeed ?? seed;
  const now = options.now ?? Date.now();
  if (!Number.isSafeInteger(tracks) || tracks < 0) {
    throw new RangeError(`tracks must be a non-negative integer, got ${String(tracks)}.`);
  }
  for (const [name, value] of [
    ["seed", seed],
    ["faultSeed", faultSeed],
    ["now", now],
  ] as const) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`${name} must be a safe integer, got ${String(value)}.`);
    }
  }

  const { musicBrainzRequestsPerSecond } = options;
  if (
    musicBrainzRequestsPerSecond !== undefined &&
    !(Number.isFinite(musicBrainzRequestsPerSecond) && musicBrainzRequestsPerSecond >= 0)
  ) {
    throw new RangeError(
      `musicBrainzRequestsPerSecond must be a number >= 0, got ${String(musicBrainzRequestsPerSecond)}.`,
    );
  }

  const clock = createDevClock(now);
  const renderer = createTrackRenderer();
  const library = createLibraryStore({
    generated: generateLibrary({ tracks, seed, now }),
    renderer,
    clock,
    random: createSeededRandom(seed, STORE_STREAM),
  });
  const faults = new FaultInjector({
    seed: faultSeed,
    createRandom: (fault) => createSeededRandom(fault, FAULT_STREAM),
  });
  let origin: string | undefined;

  const context: DevCloudContext = {
    library,
    clock,
    random: createSeededRandom(seed, SERVER_STREAM),
    faults,
    clients: DEV_OAUTH_CLIENTS,
    users: DEV_USERS,
    ...(musicBrainzRequestsPerSecond === undefined ? {} : { musicBrainzRequestsPerSecond }),
    origin() {
      if (origin === undefined)
        throw new Error("The dev-cloud origin is not known until it listens.");
      return origin;
    },
  };
  return {
    context,
    faults,
    renderer,
    setOrigin(value) {
      origin = value.replace(/\/+$/, "");
    },
  };
}

/**
 * A clock that stands still except when advanced. Starting it at a fixed
 * time makes every generated time and token expiry reproducible.
 *
 * @param start - Its first reading, ms since the epoch.
 */
export function createDevClock(start: number): DevClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`advance() needs a non-negative number of ms, got ${String(ms)}.`);
      }
      time += ms;
    },
  };
}
