import type { DevClock, ProviderFaults, SeededRandom } from "../context.js";
import type { PkceMethod } from "../oauth/pkce.js";

/** How long an authorization code can be exchanged: 10 minutes of server clock. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;
/** The lifetime the token endpoint advertises (`expires_in`), in seconds. */
export const ADVERTISED_ACCESS_TOKEN_LIFETIME_S = 3599;

/** The PKCE challenge an authorization request carried. */
export interface PkceChallenge {
  value: string;
  method: PkceMethod;
}

/** Everything an authorization code is bound to. */
export interface CodeGrantRequest {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: readonly string[];
  challenge: PkceChallenge | undefined;
  /** `access_type=offline`. */
  offline: boolean;
  /** `prompt` contained `consent`: a refresh token is issued even if one is live. */
  forcedConsent: boolean;
  nonce: string | undefined;
}

/** An issued authorization code. */
export interface StoredCode extends CodeGrantRequest {
  code: string;
  issuedAt: number;
  /** Set when the code has been exchanged; a second exchange revokes this grant. */
  redeemedAs: Grant | undefined;
}

/** One successful code exchange: the refresh token (if any) and the access tokens issued under it. */
export interface Grant {
  clientId: string;
  userId: string;
  scopes: readonly string[];
  nonce: string | undefined;
  refreshToken: string | undefined;
  revoked: boolean;
  readonly accessTokens: Set<string>;
}

/** An issued access token. */
export interface AccessTokenRecord {
  token: string;
  grant: Grant;
  issuedAt: number;
}

/**
 * The Google authorization server's memory: codes, grants, tokens and past
 * consents. Time comes from the server clock, token text from the seeded
 * random source, so a run is reproducible.
 */
export class GoogleAuthState {
  private readonly codes = new Map<string, StoredCode>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, Grant>();
  /** `clientId\nuserId` → scopes the user has allowed that client (for `prompt=none`). */
  private readonly consents = new Map<string, Set<string>>();
  /** clientId → the user who most recently allowed it something. */
  private readonly lastConsentingUsers = new Map<string, string>();

  constructor(
    private readonly clock: DevClock,
    private readonly random: SeededRandom,
    private readonly faults: ProviderFaults,
  ) {}

  /** Issues a single-use code (`4/0A…`, Google's shape). */
  issueCode(request: CodeGrantRequest): string {
    this.dropStaleCodes();
    const code = `4/0A${this.random.token(72)}`;
    this.codes.set(code, { ...request, code, issuedAt: this.clock.now(), redeemedAs: undefined });
    return code;
  }

  /** The code as issued, whether or not it is still usable. */
  findCode(code: string): StoredCode | undefined {
    return this.codes.get(code);
  }

  /** True once the code's 10 minutes are over. */
  isCodeExpired(stored: StoredCode): boolean {
    return this.clock.now() >= stored.issuedAt + AUTHORIZATION_CODE_LIFETIME_MS;
  }

  /**
   * Marks the code used and starts a grant for it. The refresh token follows
   * Google: only for `access_type=offline`, and only when the user has no live
   * refresh token for this client yet or `prompt=consent` was asked for.
   */
  redeemCode(stored: StoredCode): Grant {
    const wantsRefresh =
      stored.offline &&
      (stored.forcedConsent || !this.hasLiveRefreshToken(stored.clientId, stored.userId));
    const grant: Grant = {
      clientId: stored.clientId,
      userId: stored.userId,
      scopes: stored.scopes,
      nonce: stored.nonce,
      refreshToken: undefined,
      revoked: false,
      accessTokens: new Set(),
    };
    if (wantsRefresh) {
      grant.refreshToken = `1//0${this.random.token(100)}`;
      this.refreshTokens.set(grant.refreshToken, grant);
    }
    stored.redeemedAs = grant;
    return grant;
  }

  /** Issues an access token (`ya29.…`) under a live grant. */
  issueAccessToken(grant: Grant): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: `ya29.a0${this.random.token(140)}`,
      grant,
      issuedAt: this.clock.now(),
    };
    this.accessTokens.set(record.token, record);
    grant.accessTokens.add(record.token);
    return record;
  }

  /** The live grant behind a refresh token, or `undefined` when unknown or revoked. */
  grantForRefreshToken(refreshToken: string): Grant | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    return grant === undefined || grant.revoked ? undefined : grant;
  }

  /**
   * The record of a usable access token. Lifetime is read at validation time,
   * so switching the early-expiry fault on also shortens tokens already handed out.
   */
  authenticate(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (record === undefined || record.grant.revoked) return undefined;
    const lifetimeMs =
      this.faults.accessTokenLifetimeMs("google") ?? ADVERTISED_ACCESS_TOKEN_LIFETIME_S * 1000;
    return this.clock.now() < record.issuedAt + lifetimeMs ? record : undefined;
  }

  /**
   * Revokes the grant behind an access or refresh token. Google revokes the
   * refresh token along with an access token, and all access tokens along with
   * a refresh token, so both end the whole grant.
   *
   * @returns `false` when the token is unknown, expired or already revoked.
   */
  revokeToken(token: string): boolean {
    const grant = this.grantForRefreshToken(token) ?? this.authenticate(token)?.grant;
    if (grant === undefined) return false;
    grant.revoked = true;
    return true;
  }

  /** Ends a grant (a replayed code does this to the grant it produced). */
  revokeGrant(grant: Grant): void {
    grant.revoked = true;
  }

  /** Remembers that `userId` allowed `scopes` for `clientId`. */
  recordConsent(clientId: string, userId: string, scopes: readonly string[]): void {
    const key = `${clientId}\n${userId}`;
    const set = this.consents.get(key) ?? new Set<string>();
    for (const scope of scopes) set.add(scope);
    this.consents.set(key, set);
    this.lastConsentingUsers.set(clientId, userId);
  }

  /** Scopes `userId` has allowed `clientId` so far. */
  consentedScopes(clientId: string, userId: string): ReadonlySet<string> {
    return this.consents.get(`${clientId}\n${userId}`) ?? new Set();
  }

  /** The user who most recently allowed `clientId` anything: the emulator's "signed-in session". */
  lastConsentingUser(clientId: string): string | undefined {
    return this.lastConsentingUsers.get(clientId);
  }

  private hasLiveRefreshToken(clientId: string, userId: string): boolean {
    for (const grant of this.refreshTokens.values()) {
      if (!grant.revoked && grant.clientId === clientId && grant.userId === userId) return true;
    }
    return false;
  }

  /**
   * Forgets codes well past expiry. Redeemed ones are kept for their lifetime
   * so a replay inside the window is still recognised (and punished).
   */
  private dropStaleCodes(): void {
    const now = this.clock.now();
    for (const [code, stored] of this.codes) {
      if (now >= stored.issuedAt + 2 * AUTHORIZATION_CODE_LIFETIME_MS) this.codes.delete(code);
    }
  }
}
