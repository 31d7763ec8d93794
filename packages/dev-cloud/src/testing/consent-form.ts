/** The consent page's form, as a browser would submit it. */
export interface ConsentForm {
  /** As written in the page (`POST` for Google, `post` for Microsoft). */
  method: string;
  /** Where the form posts: the authorize path. */
  action: string;
  /** Hidden fields in page order, decoded. */
  hidden: Array<[string, string]>;
  /** The `user` radio values, in page order. */
  users: string[];
  /** The radio checked at first, if any. */
  checkedUser: string | undefined;
  /** The `decision` button values. */
  decisions: string[];
}

/**
 * Reads either provider's consent page: its form, hidden fields, user radios
 * and decision buttons.
 *
 * @throws Error when the page has no form.
 */
export function parseConsentForm(html: string): ConsentForm {
  const form = /<form method="([^"]+)" action="([^"]*)">/.exec(html);
  if (form === null) throw new Error("No consent form in the page.");
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
    (match): [string, string] => [decodeHtml(match[1] ?? ""), decodeHtml(match[2] ?? "")],
  );
  const radios = [...html.matchAll(/<input type="radio" name="user" value="([^"]*)"( checked)?>/g)];
  const checked = radios.find((match) => match[2] !== undefined)?.[1];
  return {
    method: form[1] ?? "",
    action: decodeHtml(form[2] ?? ""),
    hidden,
    users: radios.map((match) => decodeHtml(match[1] ?? "")),
    checkedUser: checked === undefined ? undefined : decodeHtml(checked),
    decisions: [...html.matchAll(/<button type="submit" name="decision" value="([^"]*)"/g)].map(
      (match) => match[1] ?? "",
    ),
  };
}

/** Undoes the escaping of `escapeHtml`, as a browser reads attribute values. */
function decodeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
