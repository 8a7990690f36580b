import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuthForm } from "./auth-form";

describe("<AuthForm> before hydration", () => {
  it.each(["signin", "signup"] as const)(
    "%s: the server's HTML has the submit button disabled, so that no click submits the form natively",
    (mode) => {
      const html = renderToString(h(AuthForm, { mode, switchHref: "/auth" }));
      const button = /<button[^>]*type="submit"[^>]*>/.exec(html)?.[0];
      expect(button).toBeDefined();
      expect(button).toMatch(/\sdisabled=""/);
    },
  );
});
