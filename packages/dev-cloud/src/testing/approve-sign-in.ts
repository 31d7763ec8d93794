import { parseConsentForm } from "./consent-form.js";

/** Options for {@link approveSignIn}. */
export interface ApproveSignInOptions {
  /** Which dev user answers (`alex`, `sam`); default the one the page preselects, else the first. */
  user?: string;
  /** Default `allow`. */
  decision?: "allow" | "deny";
  /** Extra headers for both requests. */
  headers?: Record<string, string>;
}

/** What the provider sent back to the redirect URI. */
export interface SignInApproval {
  /** The full `Location` of the redirect. */
  location: string;
  /** The authorization code (absent when denied). */
  code: string | undefined;
  state: string | undefined;
  error: string | undefined;
}

/**
 * Plays the person at the dev-cloud's consent page (Google or Microsoft):
 * loads `authorizeUrl`, submits its form as a browser would, and returns what
 * the redirect carries. For tests and scripts that sign in without a browser.
 *
 * @example
 * ```ts
 * const { code } = await approveSignIn(authorizeUrl, { user: "sam" });
 * ```
 */
export async function approveSignIn(
  authorizeUrl: string,
  options: ApproveSignInOptions = {},
): Promise<SignInApproval> {
  const headers = options.headers ?? {};
  const page = await fetch(authorizeUrl, { headers });
  const html = await page.text();
  if (page.status !== 200) {
    throw new Error(`The consent page answered ${page.status}: ${html.slice(0, 200)}`);
  }
  const form = parseConsentForm(html);
  const fields = new URLSearchParams(form.hidden);
  const user = options.user ?? form.checkedUser ?? form.users[0];
  if (user === undefined) throw new Error("The consent page offers no user.");
  fields.set("user", user);
  fields.set("decision", options.decision ?? "allow");
  const answer = await fetch(new URL(form.action, authorizeUrl), {
    method: "POST",
    headers,
    body: fields,
    redirect: "manual",
  });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || location === null) {
    throw new Error(`The consent form answered ${answer.status} without a redirect.`);
  }
  const params = new URL(location).searchParams;
  return {
    location,
    code: params.get("code") ?? undefined,
    state: params.get("state") ?? undefined,
    error: params.get("error") ?? undefined,
  };
}
