/**
 * Strict parsing of the three HTTP-date formats of RFC 9110 §5.6.7. `Date.parse`
 * is not used because its handling of the obsolete formats differs between
 * engines (asctime dates are read as local time by V8, for instance).
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC850_DATE = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME_DATE = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

function toNumber(text: string | undefined): number {
  return text === undefined ? Number.NaN : Number(text.trim());
}

function build(
  year: number,
  monthName: string | undefined,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
): number | undefined {
  const month = MONTHS.indexOf((monthName ?? "").toLowerCase());
  if (month < 0 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const time = Date.UTC(year, month, day, hours, minutes, seconds);
  const check = new Date(time);
  // Date.UTC silently rolls 31 Feb over into March; a real HTTP-date never does.
  if (Number.isNaN(time) || check.getUTCDate() !== day || check.getUTCMonth() !== month) {
    return undefined;
  }
  return time;
}

/**
 * Parses an HTTP-date (IMF-fixdate, RFC 850 or asctime) into milliseconds since
 * the epoch.
 *
 * @param value - The header value, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
 * @param now - The current time in ms since the epoch; only used to place the
 *   two-digit year of an RFC 850 date in the right century.
 * @returns The time, or `undefined` when `value` is not an HTTP-date.
 *
 * @example
 * ```ts
 * parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", Date.now()); // 784111777000
 * ```
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) {
    const [, day, month, year, hh, mm, ss] = match;
    return build(toNumber(year), month, toNumber(day), toNumber(hh), toNumber(mm), toNumber(ss));
  }
  match = RFC850_DATE.exec(text);
  if (match !== null) {
    const [, day, month, shortYear, hh, mm, ss] = match;
    // RFC 9110: a two-digit year more than 50 years in the future means the
    // most recent past year with the same last two digits.
    const currentYear = new Date(now).getUTCFullYear();
    let year = currentYear - (currentYear % 100) + toNumber(shortYear);
    if (year > currentYear + 50) year -= 100;
    return build(year, month, toNumber(day), toNumber(hh), toNumber(mm), toNumber(ss));
  }
  match = ASCTIME_DATE.exec(text);
  if (match !== null) {
    const [, month, day, hh, mm, ss, year] = match;
    return build(toNumber(year), month, toNumber(day), toNumber(hh), toNumber(mm), toNumber(ss));
  }
  return undefined;
}
