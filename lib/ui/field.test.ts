import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, type FieldControlProps } from "./field";

const input = (props: FieldControlProps) => h("input", { ...props, name: "email", type: "email" });
const field = (props: { error?: string; hint?: string; extra?: string }) =>
  renderToStaticMarkup(h(Field, { id: "email", label: "Email", control: input, error: props.error, hint: props.hint }, props.extra));

/** The markup each form wrote by hand before <Field> (attributes in the order Field spreads them). */
const handWritten = (error?: string, extra?: string) =>
  renderToStaticMarkup(
    h(
      "div",
      { className: "gh-field" },
      h("label", { htmlFor: "email" }, "Email"),
      h("input", {
        id: "email",
        "aria-invalid": Boolean(error),
        "aria-describedby": error ? "email-error" : undefined,
        name: "email",
        type: "email",
      }),
      error && h("p", { id: "email-error", className: "gh-error", role: "alert" }, error),
      extra,
    ),
  );

describe("<Field>", () => {
  it("renders what the forms wrote by hand: label, control, error tied by aria-describedby", () => {
    expect(field({})).toBe(handWritten());
    expect(field({ error: "Email is invalid", extra: "after" })).toBe(handWritten("Email is invalid", "after"));
    expect(field({ error: "Email is invalid" })).toContain('aria-invalid="true" aria-describedby="email-error"');
  });

  it("reads a hint with the control, before the error", () => {
    const html = field({ hint: "Work address", error: "Email is invalid" });
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain(
      '<p id="email-hint" class="gh-muted">Work address</p><p id="email-error" class="gh-error" role="alert">Email is invalid</p>',
    );
  });
});
