import type { DevCloudContext, DevUser } from "../context.js";
import {
  createDevClock,
  DEV_OAUTH_CLIENTS,
  DEV_USERS,
  type DevCloudContextHandle,
} from "../create-context.js";
import { FaultInjector } from "../faults/index.js";
import { FakeContentRenderer } from "../library/fake-content-renderer.js";
import type { GeneratedLibrary } from "../library/generate-library.js";
import { createLibraryStore } from "../library/library-store.js";
import { createSeededRandom } from "../library/seeded-random.js";

/** Where the test clock starts: 2026-01-15T12:00:00Z. */
export const TEST_START = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Seeds the test context's ids, tokens and faults. */
const TEST_SEED = 7;
const STORE_STREAM = 1;
const SERVER_STREAM = 2;

/** Options of {@link createTestContext}. */
export interface TestContextOptions {
  /** The drive's content at change seq 0; default an empty drive. */
  library?: GeneratedLibrary;
  /** Who can sign in; default {@link DEV_USERS}. */
  users?: readonly DevUser[];
}

/** A {@link DevCloudContextHandle} whose renderer records what it rendered. */
export interface TestContextHandle extends DevCloudContextHandle {
  readonly renderer: FakeContentRenderer;
}

/**
 * Builds the emulator's context from its real parts: the library store over
 * a hand-made library, with recognisable non-audio bytes from
 * {@link FakeContentRenderer}; a clock that stands still at
 * {@link TEST_START} until advanced; seeded randomness; the fault injector;
 * the registered clients. The origin is a placeholder until `setOrigin`.
 *
 * @example
 * ```ts
 * const { context } = createTestContext({ library: new LibraryPlan(TEST_START).folder("Music").build() });
 * context.clock.advance(1_000);
 * ```
 */
export function createTestContext(options: TestContextOptions = {}): TestContextHandle {
  const clock = createDevClock(TEST_START);
  const renderer = new FakeContentRenderer();
  const library = createLibraryStore({
    generated: options.library ?? { seed: TEST_SEED, tracks: [], items: [] },
    renderer,
    clock,
    random: createSeededRandom(TEST_SEED, STORE_STREAM),
  });
  const faults = new FaultInjector({ seed: TEST_SEED, createRandom: createSeededRandom });
  let origin = "http://127.0.0.1:0";
  const context: DevCloudContext = {
    library,
    clock,
    random: createSeededRandom(TEST_SEED, SERVER_STREAM),
    faults,
    clients: DEV_OAUTH_CLIENTS,
    users: options.users ?? DEV_USERS,
    origin: () => origin,
  };
  return {
    context,
    faults,
    renderer,
    setOrigin(value) {
      origin = value;
    },
  };
}
