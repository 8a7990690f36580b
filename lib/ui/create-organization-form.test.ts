import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { checkSlug, cleanName } from "../auth/organizations/organization-names";
import { CreateOrganizationForm, suggestSlug } from "./create-organization-form";

describe("the short name suggested from a name", () => {
  it("is a slug the server takes for ordinary names", () => {
    expect(suggestSlug("Acme Inc.")).toBe("acme-inc");
    expect(suggestSlug("  Café Zürich  ")).toBe("cafe-zurich");
    expect(suggestSlug("42 Widgets")).toBe("widgets");
    for (const name of ["Acme Inc.", "Café Zürich", "42 Widgets", "A".repeat(80)]) expect(checkSlug(suggestSlug(name)), name).toBeUndefined();
  });

  it("suggests nothing usable from a name without letters; the server's rule then explains", () => {
    expect(suggestSlug("1234")).toBe("");
    expect(checkSlug(suggestSlug("!!!"))).toBe("SLUG_INVALID");
  });
});

describe("the create form's name field", () => {
  it("takes no more characters than the server accepts in a name, and all that it does", () => {
    const nameInput = renderToStaticMarkup(h(CreateOrganizationForm))
      .match(/<input[^>]*>/g)
      ?.find((tag) => tag.includes('name="name"'));
    const maxLength = Number(/maxLength="(\d+)"/.exec(nameInput ?? "")?.[1]);
    expect(maxLength).toBeGreaterThan(0);
    expect(cleanName("n".repeat(maxLength))).toBeDefined();
    expect(cleanName("n".repeat(maxLength + 1))).toBeUndefined();
  });
});
