import { describe, expect, it } from "vitest";
import { urlForLog } from "./url-for-log.js";

describe("urlForLog", () => {
  it("drops the query string and fragment", () => {
    expect(urlForLog("https://h/a/b?access_token=x&alt=media#f")).toBe("https://h/a/b");
    expect(urlForLog(new URL("https://h/a?sig=1"))).toBe("https://h/a");
    expect(urlForLog("https://h/a#frag")).toBe("https://h/a");
    expect(urlForLog("https://h/a")).toBe("https://h/a");
  });
});
