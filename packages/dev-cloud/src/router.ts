import type { IncomingMessage, ServerResponse } from "node:http";

/** What a route handler receives besides the raw request and response. */
export interface RouteContext {
  /** The request URL, resolved against the server's own origin. */
  url: URL;
  /** Values of the `:name` segments of the route pattern, decoded. */
  params: Readonly<Record<string, string>>;
}

/** Answers one matched request. May be async; a thrown error becomes a 500. */
export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  context: RouteContext,
) => void | Promise<void>;

/** The result of {@link Router.match}. */
export type RouteMatch =
  | { kind: "found"; handler: RouteHandler; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/**
 * A tiny method + path router. Patterns are literal segments and `:name`
 * parameters (`/drive/v3/files/:fileId`); a GET route also answers HEAD.
 *
 * @example
 * ```ts
 * const router = new Router().get("/health", (_req, res) => sendJson(res, 200, { ok: true }));
 * ```
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route for `method` (upper-cased) and `pattern`. Returns the router for chaining. */
  on(method: string, pattern: string, handler: RouteHandler): this {
    if (!pattern.startsWith("/")) throw new Error(`Route pattern must start with "/": ${pattern}`);
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  /** Adds a GET (and HEAD) route. */
  get(pattern: string, handler: RouteHandler): this {
    return this.on("GET", pattern, handler);
  }

  /** Adds a POST route. */
  post(pattern: string, handler: RouteHandler): this {
    return this.on("POST", pattern, handler);
  }

  /** Finds the handler for a method and an already-decoded-safe URL pathname. */
  match(method: string, pathname: string): RouteMatch {
    const wanted = method.toUpperCase();
    const segments = splitPath(pathname);
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method === wanted || (wanted === "HEAD" && route.method === "GET")) {
        return { kind: "found", handler: route.handler, params };
      }
      allowed.add(route.method);
      if (route.method === "GET") allowed.add("HEAD");
    }
    return allowed.size > 0
      ? { kind: "method-not-allowed", allowed: [...allowed] }
      : { kind: "not-found" };
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function matchSegments(
  pattern: readonly string[],
  path: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? "";
    const actual = path[i] ?? "";
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // malformed percent-encoding matches nothing
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
