import { type HttpClient, PlayerError } from "@player/core-runtime";
import type { AuthProviderPreset } from "./providers.js";

/** Who signed in, from the provider's profile endpoint. */
export interface AccountProfile {
  /** The provider's stable id for the person (Google `sub`, Graph `id`). */
  subject: string;
  displayName: string;
  email?: string;
}

/**
 * Reads the signed-in person's profile: Google's OpenID userinfo (`sub`,
 * `name`, `email`) or Microsoft Graph `/me` (`id`, `displayName`, `mail` or
 * `userPrincipalName`).
 *
 * @throws PlayerError `auth/profile-failed` when the call fails or the answer has no subject.
 */
export async function readProfile(
  http: HttpClient,
  provider: AuthProviderPreset,
  accessToken: string,
): Promise<AccountProfile> {
  let body: unknown;
  try {
    body = await http.json(provider.userInfoEndpoint, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
  } catch (error) {
    const status = (error as PlayerError).details?.status;
    throw new PlayerError(
      "auth/profile-failed",
      `Could not read the ${provider.id} profile of the new account.`,
      {
        cause: error,
        retryable: false,
        details: { provider: provider.id, status: typeof status === "number" ? status : null },
      },
    );
  }
  const profile = provider.id === "google" ? fromGoogle(body) : fromGraph(body);
  if (profile === undefined) {
    throw new PlayerError("auth/profile-failed", `The ${provider.id} profile has no account id.`, {
      details: { provider: provider.id, status: null },
    });
  }
  return profile;
}

function fromGoogle(body: unknown): AccountProfile | undefined {
  const fields = asRecord(body);
  const subject = text(fields.sub);
  if (subject === undefined) return undefined;
  const email = text(fields.email);
  return withEmail({ subject, displayName: text(fields.name) ?? email ?? subject }, email);
}

function fromGraph(body: unknown): AccountProfile | undefined {
  const fields = asRecord(body);
  const subject = text(fields.id);
  if (subject === undefined) return undefined;
  const email = text(fields.mail) ?? text(fields.userPrincipalName);
  return withEmail({ subject, displayName: text(fields.displayName) ?? email ?? subject }, email);
}

function withEmail(profile: AccountProfile, email: string | undefined): AccountProfile {
  if (email !== undefined) profile.email = email;
  return profile;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim().length > 0 ? value.trim() : undefined;
}
