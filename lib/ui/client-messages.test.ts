import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { ORGANIZATION_SWITCHER_MESSAGES, pickMessages, SIGN_OUT_BUTTON_MESSAGES, type MessagesOf } from "./client-messages";

describe("pickMessages", () => {
  it("copies exactly the named keys, in the dictionary's language", () => {
    expect(pickMessages(de, SIGN_OUT_BUTTON_MESSAGES)).toEqual({ signOut: de.signOut, signingOut: de.signingOut });
    expect(Object.keys(pickMessages(en, ORGANIZATION_SWITCHER_MESSAGES)).sort()).toEqual([...new Set(ORGANIZATION_SWITCHER_MESSAGES)].sort());
  });

  it("keeps a header button's props small: the strings serialised into every signed-in page", () => {
    const whole = JSON.stringify(en).length;
    const picked = JSON.stringify(pickMessages(en, SIGN_OUT_BUTTON_MESSAGES)).length;
    expect(picked).toBeLessThan(100);
    expect(whole).toBeGreaterThan(50 * picked);
  });

  it("refuses the whole dictionary where only some keys are taken (checked by tsc in npm test)", () => {
    // @ts-expect-error: a client component's messages prop takes its own keys, not the whole dictionary.
    const whole: MessagesOf<(typeof SIGN_OUT_BUTTON_MESSAGES)[number]> = en;
    const picked = pickMessages(en, SIGN_OUT_BUTTON_MESSAGES);
    expect(Object.keys(whole as object).length).toBeGreaterThan(Object.keys(picked as object).length);
  });
});
