import type {
  DevClock,
  DevCloudContext,
  DevUser,
  ProviderFaults,
  ProviderName,
  SeededRandom,
} from "../../context.js";
import { FakeLibraryStore } from "./fake-library-store.js";

/** A clock that only moves when a test says so. Starts at 2026-01-15T12:00:00Z. */
export class FakeClock implements DevClock {
  constructor(private current = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** mulberry32: deterministic, good enough for ids. */
export class FakeRandom implements SeededRandom {
  constructor(private state = 0x5eed) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  token(length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[this.integer(0, 63)];
    return out;
  }
}

/** Fault settings a test flips directly. */
export class FakeFaults implements ProviderFaults {
  /** Early-expiry lifetime for Microsoft access tokens, in ms; `undefined` = off. */
  microsoftAccessTokenLifetimeMs: number | undefined;
  accessTokenLifetimeMs(provider: ProviderName): number | undefined {
    return provider === "microsoft" ? this.microsoftAccessTokenLifetimeMs : undefined;
  }
}

/** The registered Microsoft client id (routes.md). */
export const TEST_CLIENT_ID = "11111111-2222-3333-4444-555555555555";

/** The two users of routes.md. */
export const TEST_USERS: readonly DevUser[] = [
  { id: "alex-0001", displayName: "Alex Example", email: "alex@example.com" },
  { id: "sam-0002", displayName: "Sam Sample", email: "sam@example.com" },
];

/** A context whose parts the test keeps handles on. */
export interface FakeContext {
  context: DevCloudContext;
  clock: FakeClock;
  faults: FakeFaults;
  library: FakeLibraryStore;
  /** Set once the test server listens. */
  setOrigin(origin: string): void;
}

/** Builds a {@link DevCloudContext} from fakes. */
export function createFakeContext(): FakeContext {
  const clock = new FakeClock();
  const faults = new FakeFaults();
  const library = new FakeLibraryStore(clock);
  let origin = "http://127.0.0.1:0";
  const context: DevCloudContext = {
    library,
    clock,
    random: new FakeRandom(),
    faults,
    clients: {
      google: { clientId: "dev-google-client.apps.googleusercontent.com", clientSecret: "x" },
      microsoft: { clientId: TEST_CLIENT_ID },
    },
    users: TEST_USERS,
    origin: () => origin,
  };
  return {
    context,
    clock,
    faults,
    library,
    setOrigin: (value) => {
      origin = value;
    },
  };
}
