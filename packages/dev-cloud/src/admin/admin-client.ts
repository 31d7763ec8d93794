/**
 * A typed client of the dev-cloud admin API. Uses only `fetch`, `btoa` and
 * `TextEncoder`, so it runs in Node 20 and in browsers alike.
 */
import type { FaultConfig, FaultConfigInput, FaultRuleInput } from "../faults/fault-types.js";
import type { RequestLogEntry, RequestLogQuery } from "../request-log/request-log-types.js";
import type {
  AdminAddFileBody,
  AdminClockBody,
  AdminErrorBody,
  AdminItemSummary,
  AdminLibrarySummary,
  AdminRequestsBody,
  AdminUpdateFileBody,
} from "./admin-types.js";

/** File content for {@link DevCloudAdmin}: bytes, or text sent as UTF-8. */
export type AdminFileContent = Uint8Array | string;

/** Options for {@link DevCloudAdmin}. */
export interface DevCloudAdminOptions {
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
}

const ADMIN_ERROR_MARKER = Symbol.for("@player/dev-cloud/admin-error");

/** The admin API refused a call; carries its status and error body. */
export class DevCloudAdminError extends Error {
  override readonly name = "DevCloudAdminError";
  /** Marks admin errors across module copies; see {@link DevCloudAdminError.isInstance}. */
  readonly [ADMIN_ERROR_MARKER] = true;

  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The error body's `code`, e.g. `invalid_request` or `not_found`. */
    readonly code: string,
    message: string,
    /** The request field that was invalid, when the server named one. */
    readonly field?: string,
  ) {
    super(message);
  }

  /** True for a `DevCloudAdminError` from any copy of this package. */
  static isInstance(value: unknown): value is DevCloudAdminError {
    return typeof value === "object" && value !== null && ADMIN_ERROR_MARKER in value;
  }
}

/**
 * Drives a running dev-cloud from tests: inspect and change the library,
 * read the request log, set faults and move the clock.
 *
 * @example
 * ```ts
 * const admin = new DevCloudAdmin(cloud.url);
 * const { rootId } = await admin.library();
 * const file = await admin.addFile({ name: "new.txt", parentId: rootId, content: "hello" });
 * await admin.setFaults([{ route: "/google/drive", kind: "rate-limit", probability: 1, times: 1 }]);
 * const log = await admin.requests({ path: "/google/" });
 * ```
 */
export class DevCloudAdmin {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  /**
   * @param baseUrl - The server's URL, e.g. `cloud.url`.
   * @param options - A fetch to use instead of the global one.
   */
  constructor(baseUrl: string, options: DevCloudAdminOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Root id, counts and every generated track with its current file id and path. */
  library(): Promise<AdminLibrarySummary> {
    return this.call("GET", "/__admin/library");
  }

  /** Adds a file through the library store (it appears in both clouds' change feeds). */
  addFile(input: {
    name: string;
    parentId: string;
    mimeType?: string;
    content: AdminFileContent;
  }): Promise<AdminItemSummary> {
    const body: AdminAddFileBody = {
      name: input.name,
      parentId: input.parentId,
      base64: toBase64(input.content),
    };
    if (input.mimeType !== undefined) body.mimeType = input.mimeType;
    return this.call("POST", "/__admin/files", body);
  }

  /** Renames, moves, replaces the content of, or (un)trashes a file or folder. */
  updateFile(
    id: string,
    changes: { name?: string; parentId?: string; content?: AdminFileContent; trashed?: boolean },
  ): Promise<AdminItemSummary> {
    const body: AdminUpdateFileBody = {};
    if (changes.name !== undefined) body.name = changes.name;
    if (changes.parentId !== undefined) body.parentId = changes.parentId;
    if (changes.content !== undefined) body.base64 = toBase64(changes.content);
    if (changes.trashed !== undefined) body.trashed = changes.trashed;
    return this.call("PATCH", `/__admin/files/${encodeURIComponent(id)}`, body);
  }

  /** Deletes a file or folder for good. */
  async deleteFile(id: string): Promise<void> {
    await this.call("DELETE", `/__admin/files/${encodeURIComponent(id)}`);
  }

  /** Logged requests (admin calls excluded), oldest first. */
  async requests(query: RequestLogQuery = {}): Promise<RequestLogEntry[]> {
    const params = new URLSearchParams();
    if (query.since !== undefined) params.set("since", String(query.since));
    if (query.path !== undefined) params.set("path", query.path);
    const search = params.toString() === "" ? "" : `?${params.toString()}`;
    const body = await this.call<AdminRequestsBody>("GET", `/__admin/requests${search}`);
    return body.requests;
  }

  /** The id of the latest logged request: a `since` cursor for later {@link requests} calls. */
  async lastRequestId(): Promise<number> {
    // A cursor past every id: the answer carries lastId and no entries.
    const since = Number.MAX_SAFE_INTEGER;
    const body = await this.call<AdminRequestsBody>("GET", `/__admin/requests?since=${since}`);
    return body.lastId;
  }

  /** Empties the request log (ids keep counting up). */
  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/__admin/requests");
  }

  /** The fault rules in force and how often each has fired. */
  faults(): Promise<FaultConfig> {
    return this.call("GET", "/__admin/faults");
  }

  /**
   * Replaces the fault rules (and reseeds the fault randomness).
   *
   * @param rules - The new rules; `[]` keeps none.
   * @param options - A new fault `seed` and early access-token expiry.
   */
  setFaults(
    rules: readonly FaultRuleInput[],
    options: Omit<FaultConfigInput, "rules"> = {},
  ): Promise<FaultConfig> {
    return this.call("PUT", "/__admin/faults", { ...options, rules });
  }

  /** Removes every fault rule and token-lifetime override. */
  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/__admin/faults");
  }

  /** The server clock, ms since the epoch. */
  async now(): Promise<number> {
    return (await this.call<AdminClockBody>("GET", "/__admin/clock")).now;
  }

  /**
   * Moves the server clock forward.
   *
   * @returns The new server time.
   */
  async advanceClock(ms: number): Promise<number> {
    return (await this.call<AdminClockBody>("POST", "/__admin/clock", { advanceMs: ms })).now;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { "Content-Type": "application/json" };
    }
    const response = await this.fetch(`${this.baseUrl}${path}`, init);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    let error: AdminErrorBody["error"] | undefined;
    try {
      error = (JSON.parse(text) as Partial<AdminErrorBody>).error;
    } catch {
      // Not the admin error shape: report the status alone.
    }
    throw new DevCloudAdminError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `${method} ${path} answered ${response.status}.`,
      error?.field,
    );
  }
}

/** Standard base64 without Node's Buffer, in chunks so long files do not overflow the call stack. */
function toBase64(content: AdminFileContent): string {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  let binary = "";
  const chunkSize = 0x8000;
  for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunkSize));
  }
  return btoa(binary);
}
