import type {
  DevClock,
  DevCloudContext,
  DevUser,
  OAuthClients,
  ProviderFaults,
  ProviderName,
  SeededRandom,
} from "../../context.js";
import { FakeLibraryStore } from "./fake-library-store.js";

/** A clock that only moves when told to; starts at 2024-05-01T10:00:00Z. */
export class FakeClock implements DevClock {
  private current = Date.UTC(2024, 4, 1, 10, 0, 0);

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Deterministic "randomness": a counter run through a tiny LCG. */
export class FakeRandom implements SeededRandom {
  private state = 12345;

  next(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state / 2_147_483_648;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  token(length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let text = "";
    for (let i = 0; i < length; i++) text += alphabet[this.integer(0, alphabet.length - 1)];
    return text;
  }
}

/** Faults a test switches by assignment. */
export class FakeFaults implements ProviderFaults {
  googleAccessTokenLifetimeMs: number | undefined;

  accessTokenLifetimeMs(provider: ProviderName): number | undefined {
    return provider === "google" ? this.googleAccessTokenLifetimeMs : undefined;
  }
}

/** The users `docs/routes.md` lists. */
export const FAKE_USERS: readonly DevUser[] = [
  { id: "alex", displayName: "Alex Example", email: "alex@example.com" },
  { id: "sam", displayName: "Sam Sample", email: "sam@example.com" },
];

/** The default clients of `docs/routes.md`. */
export const FAKE_CLIENTS: OAuthClients = {
  google: {
    clientId: "dev-google-client.apps.googleusercontent.com",
    clientSecret: "dev-google-secret",
  },
  microsoft: { clientId: "11111111-2222-3333-4444-555555555555" },
};

/** A {@link DevCloudContext} whose parts tests can reach and drive. */
export interface FakeContext extends DevCloudContext {
  readonly library: FakeLibraryStore;
  readonly clock: FakeClock;
  readonly faults: FakeFaults;
  setOrigin(origin: string): void;
}

/** Builds a fresh fake context with an empty library. */
export function createFakeContext(): FakeContext {
  const clock = new FakeClock();
  let origin = "http://127.0.0.1:0";
  return {
    library: new FakeLibraryStore(clock),
    clock,
    random: new FakeRandom(),
    faults: new FakeFaults(),
    clients: FAKE_CLIENTS,
    users: FAKE_USERS,
    origin: () => origin,
    setOrigin(value) {
      origin = value;
    },
  };
}
