import type { LibraryStore } from "./library/library-types.js";

/** A person who can sign in to the emulated providers. */
export interface DevUser {
  /** Stable subject id (Google `sub`, Microsoft `id`). */
  id: string;
  displayName: string;
  email: string;
}

/** The OAuth clients the emulated providers know. */
export interface OAuthClients {
  /** A Google "Web application" client: the code exchange needs the secret. */
  google: { clientId: string; clientSecret: string };
  /** A Microsoft public client with an `spa` redirect URI: PKCE, no secret, `Origin` required. */
  microsoft: { clientId: string };
}

/** The server's clock, which the admin API can move forward. */
export interface DevClock {
  now(): number;
  advance(ms: number): void;
}

/** Deterministic randomness from the server's seed. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  integer(min: number, max: number): number;
  /** `length` characters from `[A-Za-z0-9_-]` (ids, codes, tokens). */
  token(length: number): string;
}

/** The provider a token or route belongs to. */
export type ProviderName = "google" | "microsoft";

/** Fault settings the provider modules consult themselves (the rest is applied by middleware). */
export interface ProviderFaults {
  /**
   * How long access tokens really stay valid, in ms, when the "tokens expire
   * early" fault is on; `undefined` means the advertised lifetime (3599 s).
   */
  accessTokenLifetimeMs(provider: ProviderName): number | undefined;
}

/** What every route module of the emulator is built with. */
export interface DevCloudContext {
  readonly library: LibraryStore;
  readonly clock: DevClock;
  readonly random: SeededRandom;
  readonly faults: ProviderFaults;
  readonly clients: OAuthClients;
  readonly users: readonly DevUser[];
  /**
   * MusicBrainz's rate limit per client, in requests per second; `0` turns
   * it off. `undefined` means the real service's 1 per second.
   */
  readonly musicBrainzRequestsPerSecond?: number;
  /** The server's own origin, e.g. `http://127.0.0.1:8787` (known once listening). */
  origin(): string;
}
