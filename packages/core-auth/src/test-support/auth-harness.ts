/** Builds an AuthService on fresh, isolated state for tests. Not part of the public entry. */
import {
  EventBus,
  type FetchFunction,
  HttpClient,
  Logger,
  type LogRecord,
  type PlayerEventMap,
} from "@player/core-runtime";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { AuthService } from "../auth-service.js";
import type { AuthProvidersConfig } from "../auth-service-options.js";
import { TokenVault } from "../token-vault.js";

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = Date.UTC(2030, 0, 1)) {}
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

type AuthEventName = "auth:signed-in" | "auth:signed-out" | "auth:session-expired";

/** Everything a test needs around one AuthService. */
export interface AuthHarness {
  auth: AuthService;
  vault: TokenVault;
  bus: EventBus;
  clock: ManualClock;
  logs: LogRecord[];
  events: Array<{ [K in AuthEventName]: [K, PlayerEventMap[K]] }[AuthEventName]>;
  indexedDB: IDBFactory;
  /** A second service on a new connection to the same database, as after a worker restart. */
  restart(): AuthService;
}

/** Options of {@link createAuthHarness}. */
export interface AuthHarnessOptions {
  providers: AuthProvidersConfig;
  /** For token requests. */
  fetch: FetchFunction;
  /** For profile requests. Default: `fetch`. */
  httpFetch?: FetchFunction;
  clock?: ManualClock;
  /** Reuse a database (another "worker" on the same origin). */
  indexedDB?: IDBFactory;
}

/** Makes an AuthService with its own in-memory IndexedDB, a manual clock and a debug logger. */
export function createAuthHarness(options: AuthHarnessOptions): AuthHarness {
  const clock = options.clock ?? new ManualClock();
  const indexedDB = options.indexedDB ?? new IDBFactory();
  const vault = new TokenVault({ indexedDB, IDBKeyRange });
  const bus = new EventBus();
  const logs: LogRecord[] = [];
  const logger = new Logger({
    level: "debug",
    sink: (record) => logs.push(record),
    now: clock.now,
  });
  const events: AuthHarness["events"] = [];
  for (const name of ["auth:signed-in", "auth:signed-out", "auth:session-expired"] as const) {
    bus.on(name, (data) => events.push([name, data] as never));
  }
  const http = new HttpClient({
    fetch: options.httpFetch ?? options.fetch,
    retries: 0,
    logger,
    now: clock.now,
  });
  const make = (store: TokenVault) =>
    new AuthService({
      bus,
      http,
      fetch: options.fetch,
      providers: options.providers,
      vault: store,
      now: clock.now,
      logger,
    });
  // A restarted worker opens the same database with a new connection.
  const restart = () => make(new TokenVault({ indexedDB, IDBKeyRange }));
  return { auth: make(vault), vault, bus, clock, logs, events, indexedDB, restart };
}
