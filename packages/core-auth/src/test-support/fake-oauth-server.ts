/**
 * An in-memory OAuth provider behind a `fetch` function, for unit tests that
 * need control the dev-cloud does not give (a refresh answer held back until
 * the test releases it). Not part of the package's public entry.
 */

/** A recorded request. */
export interface FakeRequest {
  method: string;
  url: string;
  form: URLSearchParams;
  headers: Headers;
}

/** A person the fake provider knows. */
export interface FakePerson {
  subject: string;
  name: string;
  email: string;
}

type Answer = Response | Promise<Response> | (() => Response | Promise<Response>);

export const FAKE_ORIGIN = "http://127.0.0.1:9";

/** Endpoint overrides that point the presets at the fake. */
export const fakeEndpoints = {
  google: {
    authorizationEndpoint: `${FAKE_ORIGIN}/google/auth`,
    userInfoEndpoint: `${FAKE_ORIGIN}/google/userinfo`,
    revocationEndpoint: `${FAKE_ORIGIN}/google/revoke`,
    tokenExchangeEndpoint: `${FAKE_ORIGIN}/app/google/token`,
  },
  microsoft: {
    authorizationEndpoint: `${FAKE_ORIGIN}/microsoft/authorize`,
    tokenEndpoint: `${FAKE_ORIGIN}/microsoft/token`,
    userInfoEndpoint: `${FAKE_ORIGIN}/graph/me`,
  },
} as const;

/** A deferred answer: the request waits until the test calls `release`. */
export interface HeldAnswer {
  readonly answer: Promise<Response>;
  release(response: Response): void;
}

/** Makes a {@link HeldAnswer}. */
export function holdAnswer(): HeldAnswer {
  let release: (response: Response) => void = () => undefined;
  const answer = new Promise<Response>((resolve) => {
    release = resolve;
  });
  return { answer, release };
}

/** A JSON response. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * The fake provider. Codes are `code-<subject>`; each token answer mints
 * unique tokens; `nextTokenAnswers` queues answers that replace the default.
 */
export class FakeOAuthServer {
  readonly requests: FakeRequest[] = [];
  /** Answers for the next token-endpoint requests (both providers), in order. */
  readonly nextTokenAnswers: Answer[] = [];
  /** Answer for revocation requests; default 200. */
  revokeAnswer: Answer | undefined;
  /** Answer for profile requests; default: the person the access token belongs to. */
  profileAnswer: Answer | undefined;
  /** Whether token answers include a new refresh token on refresh (Microsoft does). */
  rotateRefreshTokens = true;
  /** `expires_in` of minted access tokens, in seconds. */
  expiresIn = 3600;
  readonly #people = new Map<string, FakePerson>();
  readonly #owners = new Map<string, FakePerson>();
  #minted = 0;

  /** Lets `person` sign in with the code `code-<subject>`. */
  addPerson(person: FakePerson): string {
    this.#people.set(`code-${person.subject}`, person);
    return `code-${person.subject}`;
  }

  /** Every token string minted so far (to check none leaks). */
  get mintedTokens(): string[] {
    return [...this.#owners.keys()];
  }

  /** Requests whose URL path ends with `suffix`. */
  requestsTo(suffix: string): FakeRequest[] {
    return this.requests.filter((request) => new URL(request.url).pathname.endsWith(suffix));
  }

  /** The `fetch` to inject into `AuthService` and `HttpClient`. */
  readonly fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init.method ?? "GET").toUpperCase();
    const form = new URLSearchParams(
      init.body instanceof URLSearchParams ? init.body : String(init.body ?? ""),
    );
    const headers = new Headers(init.headers);
    this.requests.push({ method, url: url.href, form, headers });
    if (url.pathname.endsWith("/token")) return this.#token(form);
    if (url.pathname.endsWith("/revoke")) return resolve(this.revokeAnswer) ?? new Response("");
    if (url.pathname.endsWith("/userinfo") || url.pathname.endsWith("/me")) {
      return resolve(this.profileAnswer) ?? this.#profile(url, headers);
    }
    return json(404, { error: "not_found" });
  };

  async #token(form: URLSearchParams): Promise<Response> {
    const queued = this.nextTokenAnswers.shift();
    if (queued !== undefined) return (await resolve(queued)) ?? json(500, {});
    const grant = form.get("grant_type");
    let person: FakePerson | undefined;
    if (grant === "authorization_code") person = this.#people.get(form.get("code") ?? "");
    if (grant === "refresh_token") person = this.#owners.get(form.get("refresh_token") ?? "");
    if (person === undefined)
      return json(400, { error: "invalid_grant", error_description: "Bad Request" });
    const body: Record<string, unknown> = {
      access_token: this.#mint("at", person),
      token_type: "Bearer",
      expires_in: this.expiresIn,
      scope: "granted-scope",
    };
    if (grant === "authorization_code" || this.rotateRefreshTokens) {
      body.refresh_token = this.#mint("rt", person);
    }
    return json(200, body);
  }

  #profile(url: URL, headers: Headers): Response {
    const token = /^Bearer (.+)$/.exec(headers.get("authorization") ?? "")?.[1] ?? "";
    const person = this.#owners.get(token);
    if (person === undefined) return json(401, { error: "invalid_token" });
    if (url.pathname.endsWith("/me")) {
      return json(200, { id: person.subject, displayName: person.name, mail: person.email });
    }
    return json(200, { sub: person.subject, name: person.name, email: person.email });
  }

  #mint(kind: string, person: FakePerson): string {
    this.#minted += 1;
    const token = `${kind}-${person.subject}-${this.#minted}-secret`;
    this.#owners.set(token, person);
    return token;
  }
}

function resolve(answer: Answer | undefined): Response | Promise<Response> | undefined {
  if (answer === undefined) return undefined;
  return typeof answer === "function" ? answer() : answer;
}
