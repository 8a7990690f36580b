import UAParser from "ua-parser-js";
import type { Messages } from "../i18n/en";
import { format } from "../i18n/index";
import type { DEVICE_NAME_MESSAGES } from "./client-messages";

/**
 * A session's device as a person names it ("Chrome on Linux"), from the user agent stored with
 * the session. ua-parser-js (MIT, the 1.x line) reads it; whatever it cannot name is left out,
 * and a user agent it cannot read at all is "Unknown device".
 */
export function deviceName(userAgent: string | null, t: Pick<Messages, (typeof DEVICE_NAME_MESSAGES)[number]>): string {
  if (!userAgent) return t.unknownDevice;
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const system = os.name ?? [device.vendor, device.model].filter(Boolean).join(" ");
  if (browser.name && system) return format(t.deviceBrowserOnOs, { browser: browser.name, os: system });
  return browser.name || system || t.unknownDevice;
}
