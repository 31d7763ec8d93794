/**
 * Plays the person on the dev-cloud's consent page: loads the authorize URL,
 * reads the HTML form (hidden inputs), submits it with a `user` and a
 * `decision`, and reads the redirect. Not part of the public entry.
 */

/** What the consent page redirected to. */
export interface ConsentOutcome {
  /** The full `Location` of the redirect to the app's callback. */
  location: URL;
  code: string | null;
  state: string | null;
  error: string | null;
}

/** Options of {@link giveConsent}. */
export interface ConsentOptions {
  /** The dev-cloud user id (`alex`, `sam`). */
  user: string;
  /** Default `allow`. */
  decision?: "allow" | "deny";
}

/**
 * Loads the consent page at `authorizeUrl` and submits it.
 *
 * @throws Error when the page has no form or the answer is not a redirect.
 */
export async function giveConsent(
  authorizeUrl: string,
  options: ConsentOptions,
): Promise<ConsentOutcome> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) {
    throw new Error(`The consent page answered ${page.status}: ${html.slice(0, 200)}`);
  }
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) throw new Error("The consent page has no form.");
  const action = attributes(form[1] ?? "").get("action") ?? "";
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? "").matchAll(/<input\b([^>]*)>/gi)) {
    const attrs = attributes(input[1] ?? "");
    const name = attrs.get("name");
    if (attrs.get("type") === "hidden" && name !== undefined) {
      fields.append(name, attrs.get("value") ?? "");
    }
  }
  fields.set("user", options.user);
  fields.set("decision", options.decision ?? "allow");
  const answer = await fetch(new URL(action, authorizeUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields,
    redirect: "manual",
  });
  await answer.body?.cancel();
  const location = answer.headers.get("location");
  if (answer.status < 300 || answer.status > 399 || location === null) {
    throw new Error(`The consent form answered ${answer.status} without a redirect.`);
  }
  const url = new URL(location);
  return {
    location: url,
    code: url.searchParams.get("code"),
    state: url.searchParams.get("state"),
    error: url.searchParams.get("error"),
  };
}

/** The attributes of one tag, values HTML-decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found.set((match[1] ?? "").toLowerCase(), decodeEntities(match[2] ?? match[3] ?? ""));
  }
  return found;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, body: string) => {
    const lower = body.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    return named[lower] ?? entity;
  });
}
