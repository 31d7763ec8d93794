import type { DevCloudContext, DevUser } from "../context.js";
import { mintJwtShapedToken } from "../oauth/jwt-shape.js";
import type { PkceMethod } from "../oauth/pkce.js";
import type { GraphScope, ScopeSet } from "./scopes.js";
import { CONSUMERS_TENANT_ID } from "./tenant.js";

/** Authorization codes live about 10 minutes (entra-docs). */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;
/** The advertised access-token lifetime, `expires_in`. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;
/** SPA refresh tokens die 24 h after the interactive grant, however often they are redeemed. */
export const SPA_REFRESH_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What a person consented to: carried by the code and every token derived from it. */
export interface Grant {
  user: DevUser;
  clientId: string;
  tenant: string;
  /** Graph scopes granted (always with `User.Read`) and OIDC scopes requested. */
  scopes: ScopeSet;
  nonce: string | undefined;
}

/** A stored authorization code. */
export interface AuthorizationCodeRecord {
  grant: Grant;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: PkceMethod;
  issuedAt: number;
  redeemed: boolean;
}

/** A stored access token. */
export interface AccessTokenRecord {
  grant: Grant;
  /** The Graph scopes this token carries (`scp`). */
  scopes: GraphScope[];
  issuedAt: number;
  /** Lifetime decided at issue: 3599 s, or shorter when the early-expiry fault was on. */
  lifetimeMs: number;
}

/** A stored refresh token. */
export interface RefreshTokenRecord {
  grant: Grant;
  /** When the interactive grant happened; fixes the 24 h SPA window for every descendant. */
  grantedAt: number;
  issuedAt: number;
  /** The user's revocation generation at issue (see {@link MicrosoftTokenStore.revokeSignInSessions}). */
  generation: number;
}

/** The result of {@link MicrosoftTokenStore.redeemCode}. */
export type CodeRedemption =
  | { kind: "valid"; record: AuthorizationCodeRecord }
  | { kind: "unknown" }
  | { kind: "redeemed"; record: AuthorizationCodeRecord }
  | { kind: "expired"; record: AuthorizationCodeRecord };

/** The result of {@link MicrosoftTokenStore.checkAccessToken}. */
export type AccessTokenCheck =
  | { kind: "valid"; record: AccessTokenRecord }
  | { kind: "expired"; record: AccessTokenRecord }
  | { kind: "unknown" };

/** The result of {@link MicrosoftTokenStore.checkRefreshToken}. */
export type RefreshTokenCheck =
  | { kind: "valid"; record: RefreshTokenRecord }
  | { kind: "expired"; record: RefreshTokenRecord }
  | { kind: "revoked"; record: RefreshTokenRecord; revokedAt: number }
  | { kind: "unknown" };

/**
 * Every code and token the emulated identity platform has issued, with
 * their lifetimes measured on the server clock.
 */
export class MicrosoftTokenStore {
  private readonly codes = new Map<string, AuthorizationCodeRecord>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly revocations = new Map<string, { generation: number; at: number }>();

  constructor(private readonly context: DevCloudContext) {}

  /** Stores a new single-use authorization code for a consented grant. */
  createCode(details: Omit<AuthorizationCodeRecord, "issuedAt" | "redeemed">): string {
    this.dropStale();
    // MSA codes look like `M.C5xx_…`; any opaque string would do.
    const code = `M.C${this.context.random.integer(100, 999)}_${this.context.random.token(120)}`;
    this.codes.set(code, { ...details, issuedAt: this.context.clock.now(), redeemed: false });
    return code;
  }

  /**
   * Looks a code up and uses it up: any redemption attempt that names a live
   * code consumes it, so a wrong verifier cannot be retried against it.
   */
  redeemCode(code: string): CodeRedemption {
    const record = this.codes.get(code);
    if (record === undefined) return { kind: "unknown" };
    if (record.redeemed) return { kind: "redeemed", record };
    record.redeemed = true;
    if (this.context.clock.now() - record.issuedAt >= AUTHORIZATION_CODE_LIFETIME_MS) {
      return { kind: "expired", record };
    }
    return { kind: "valid", record };
  }

  /** Issues an access token for Graph carrying `scopes`. */
  issueAccessToken(grant: Grant, scopes: GraphScope[]): string {
    const now = this.context.clock.now();
    const advertised = ACCESS_TOKEN_LIFETIME_SECONDS * 1000;
    const early = this.context.faults.accessTokenLifetimeMs("microsoft");
    const lifetimeMs = early === undefined ? advertised : Math.min(early, advertised);
    const token = mintJwtShapedToken(
      {
        aud: "https://graph.microsoft.com",
        iss: `https://sts.windows.net/${CONSUMERS_TENANT_ID}/`,
        iat: Math.floor(now / 1000),
        nbf: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + ACCESS_TOKEN_LIFETIME_SECONDS,
        appid: grant.clientId,
        scp: scopes.join(" "),
        name: grant.user.displayName,
        oid: grant.user.id,
        sub: grant.user.id,
        tid: CONSUMERS_TENANT_ID,
        uti: this.context.random.token(22),
        ver: "1.0",
      },
      this.context.random,
    );
    this.accessTokens.set(token, { grant, scopes, issuedAt: now, lifetimeMs });
    return token;
  }

  /**
   * Checks a bearer token. A token dies at issue + its lifetime, and also as
   * soon as an early-expiry fault turned on later says so: the fault models
   * tokens that the server stops honouring before `expires_in`.
   */
  checkAccessToken(token: string): AccessTokenCheck {
    const record = this.accessTokens.get(token);
    if (record === undefined) return { kind: "unknown" };
    const early = this.context.faults.accessTokenLifetimeMs("microsoft");
    const lifetime = early === undefined ? record.lifetimeMs : Math.min(early, record.lifetimeMs);
    if (this.context.clock.now() >= record.issuedAt + lifetime) return { kind: "expired", record };
    return { kind: "valid", record };
  }

  /**
   * Issues a refresh token. `grantedAt` is the interactive grant's time for
   * the first token and is copied unchanged to every later one.
   */
  issueRefreshToken(grant: Grant, grantedAt: number): string {
    const token = `AwAB${this.context.random.token(200)}`;
    this.refreshTokens.set(token, {
      grant,
      grantedAt,
      issuedAt: this.context.clock.now(),
      generation: this.revocations.get(grant.user.id)?.generation ?? 0,
    });
    return token;
  }

  /** Checks a refresh token: unknown, revoked, past the SPA window, or valid. Redeeming does not revoke it. */
  checkRefreshToken(token: string): RefreshTokenCheck {
    const record = this.refreshTokens.get(token);
    if (record === undefined) return { kind: "unknown" };
    const revocation = this.revocations.get(record.grant.user.id);
    if (revocation !== undefined && record.generation < revocation.generation) {
      return { kind: "revoked", record, revokedAt: revocation.at };
    }
    if (this.context.clock.now() >= record.grantedAt + SPA_REFRESH_WINDOW_MS) {
      return { kind: "expired", record };
    }
    return { kind: "valid", record };
  }

  /**
   * Invalidates every refresh token issued to the user so far (Graph's
   * `revokeSignInSessions`). Access tokens stay valid until they expire, as
   * on the real service.
   */
  revokeSignInSessions(userId: string): void {
    const generation = (this.revocations.get(userId)?.generation ?? 0) + 1;
    this.revocations.set(userId, { generation, at: this.context.clock.now() });
  }

  /** Forgets entries long dead, so a long-running demo server does not grow without bound. */
  private dropStale(): void {
    const now = this.context.clock.now();
    // Dead entries are kept a while so that late use is reported as "expired", not "unknown".
    for (const [code, record] of this.codes) {
      if (now - record.issuedAt >= 2 * AUTHORIZATION_CODE_LIFETIME_MS) this.codes.delete(code);
    }
    for (const [token, record] of this.accessTokens) {
      if (now - record.issuedAt >= 2 * ACCESS_TOKEN_LIFETIME_SECONDS * 1000) {
        this.accessTokens.delete(token);
      }
    }
    for (const [token, record] of this.refreshTokens) {
      if (now - record.grantedAt >= 2 * SPA_REFRESH_WINDOW_MS) this.refreshTokens.delete(token);
    }
  }
}
