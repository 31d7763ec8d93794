import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppliedFault } from "../faults/fault-types.js";
import { captureGrantType } from "./capture-grant-type.js";
import type { RequestLogEntry, RequestLogQuery } from "./request-log-types.js";
import { isTokenEndpoint } from "./token-endpoints.js";

/** Options for {@link RequestLog}. */
export interface RequestLogOptions {
  /** Server-clock time for each entry. */
  now: () => number;
  /** How many entries to keep; older ones are dropped. Default 50,000. */
  capacity?: number;
}

/** Handle on one request being recorded. */
export interface RequestRecorder {
  /** Notes the fault applied to the request. */
  setFault(fault: AppliedFault): void;
}

/** Query parameters whose values are credentials; the log keeps their names only. */
const SECRET_QUERY_KEYS = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "code",
  "code_verifier",
  "client_secret",
]);

/**
 * The request log: every request the server answered, newest last, with the
 * body bytes it served and the fault applied to it. Bounded: beyond
 * `capacity` entries the oldest are dropped.
 *
 * @example
 * ```ts
 * const log = new RequestLog({ now: () => clock.now() });
 * const recorder = log.begin(request, response, url); // before routing
 * log.entries({ since: 10, path: "/google/" });
 * ```
 */
export class RequestLog {
  private entriesKept: RequestLogEntry[] = [];
  private nextId = 1;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(options: RequestLogOptions) {
    this.now = options.now;
    this.capacity = options.capacity ?? 50_000;
    if (!Number.isSafeInteger(this.capacity) || this.capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${String(options.capacity)}.`);
    }
  }

  /** The id of the latest entry, 0 when nothing has been logged yet. */
  get lastId(): number {
    return this.nextId - 1;
  }

  /**
   * Starts recording a request: counts the body bytes written to `response`
   * and adds the entry when the response ends or its connection closes.
   * Call before anything else wraps or writes to the response.
   */
  begin(request: IncomingMessage, response: ServerResponse, url: URL): RequestRecorder {
    const method = request.method ?? "GET";
    const entry: Omit<RequestLogEntry, "id" | "status" | "bytes"> = {
      time: this.now(),
      method,
      path: url.pathname,
      query: redactQuery(url.search),
    };
    const range = request.headers.range;
    if (range !== undefined) entry.range = range;
    const grantType =
      method === "POST" && isTokenEndpoint(url.pathname) ? captureGrantType(request) : undefined;

    let bytes = 0;
    let done = false;
    const finish = (incomplete: boolean): void => {
      if (done) return;
      done = true;
      const status = response.headersSent ? response.statusCode : 0;
      const hasBody = method !== "HEAD" && status !== 204 && status !== 304;
      const record: RequestLogEntry = {
        id: this.nextId++,
        ...entry,
        status,
        bytes: hasBody ? bytes : 0,
      };
      if (incomplete) record.incomplete = true;
      const captured = grantType?.();
      if (captured !== undefined) record.grantType = captured;
      this.add(record);
    };

    const { write, end, destroy } = response;
    response.write = function countWrite(chunk: unknown, ...rest: unknown[]): boolean {
      bytes += byteLength(chunk, rest[0]);
      return Reflect.apply(write, response, [chunk, ...rest]) as boolean;
    } as ServerResponse["write"];
    response.end = function countEnd(chunk?: unknown, ...rest: unknown[]): ServerResponse {
      if (typeof chunk !== "function") bytes += byteLength(chunk, rest[0]);
      const result = Reflect.apply(end, response, [chunk, ...rest]) as ServerResponse;
      finish(false);
      return result;
    } as ServerResponse["end"];
    // Recording before the socket goes, so a client that saw the reset already finds the entry.
    response.destroy = function recordDestroy(error?: Error): ServerResponse {
      finish(true);
      return Reflect.apply(destroy, response, [error]) as ServerResponse;
    };
    response.once("close", () => finish(!response.writableEnded));

    return {
      setFault(fault) {
        entry.fault = fault;
      },
    };
  }

  /** Entries matching the query, oldest first. */
  entries(query: RequestLogQuery = {}): RequestLogEntry[] {
    const { since = 0, path } = query;
    return this.entriesKept
      .slice(-this.capacity)
      .filter((entry) => entry.id > since && (path === undefined || entry.path.startsWith(path)));
  }

  /** Forgets every entry; ids keep counting up so `since` cursors stay valid. */
  clear(): void {
    this.entriesKept = [];
  }

  private add(entry: RequestLogEntry): void {
    this.entriesKept.push(entry);
    // Trimming in batches keeps the cost of dropping old entries amortised.
    if (this.entriesKept.length > this.capacity + Math.ceil(this.capacity / 8)) {
      this.entriesKept = this.entriesKept.slice(-this.capacity);
    }
  }
}

function byteLength(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === "string") {
    return Buffer.byteLength(
      chunk,
      typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
    );
  }
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}

function redactQuery(search: string): string {
  if (search.length <= 1) return "";
  return search
    .slice(1)
    .split("&")
    .map((pair) => {
      const separator = pair.indexOf("=");
      if (separator < 0) return pair;
      const key = safeDecode(pair.slice(0, separator));
      return SECRET_QUERY_KEYS.has(key) ? `${pair.slice(0, separator)}=REDACTED` : pair;
    })
    .join("&");
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
