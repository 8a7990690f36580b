import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { deviceName } from "./device-name";

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("deviceName", () => {
  it("names the browser and the operating system", () => {
    expect(deviceName(CHROME_LINUX, en)).toBe("Chrome on Linux");
    expect(deviceName(SAFARI_IPHONE, en)).toBe("Mobile Safari on iOS");
    expect(deviceName(FIREFOX_WINDOWS, en)).toBe("Firefox on Windows");
    expect(deviceName(CHROME_LINUX, de)).toBe("Chrome auf Linux");
  });

  it("says what it cannot name", () => {
    expect(deviceName(null, en)).toBe("Unknown device");
    expect(deviceName("", en)).toBe("Unknown device");
    expect(deviceName("curl/8.5.0", en)).toBe("Unknown device");
  });
});
