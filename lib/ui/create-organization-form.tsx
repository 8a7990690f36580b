"use client";

import { useRef, useState, type FormEvent } from "react";
import { ORGANIZATION_NAME_MAX_LENGTH } from "../auth/organizations/organization-names";
import { en } from "../i18n/en";
import { Field } from "./field";
import { useFieldsAtHydration } from "./field-at-hydration";
import { callOrganizationsApi, organizationMessage } from "./organization-api";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { CREATE_ORGANIZATION_FORM_MESSAGES } from "./organization-messages";

const ENGLISH = pickMessages(en, CREATE_ORGANIZATION_FORM_MESSAGES);

export interface CreateOrganizationFormProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** Where the new organization's page is; the slug is appended. @default "/account/organizations/" */
  organizationPagePrefix?: string;
  /** The strings it shows, `pickMessages(t, CREATE_ORGANIZATION_FORM_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof CREATE_ORGANIZATION_FORM_MESSAGES)[number]>;
}

/** A short name from a name, as a first suggestion: "Acme Inc." → "acme-inc". The server checks the rule. */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63);
  return slug.replace(/-+$/, "");
}

/** Creates an organization owned by the signed-in user (`POST /organizations`), then opens it. */
export function CreateOrganizationForm({
  apiBasePath = "/api/auth",
  organizationPagePrefix = "/account/organizations/",
  messages: t = ENGLISH,
}: CreateOrganizationFormProps) {
  const slugField = useRef<HTMLInputElement>(null);
  const slugEdited = useRef(false);
  // A name typed before hydration gets its suggested short name now; a short name typed then is kept.
  const formRef = useFieldsAtHydration<HTMLFormElement>((form) => {
    const name = form.elements.namedItem("name");
    const slug = slugField.current;
    if (!slug || !(name instanceof HTMLInputElement)) return;
    if (slug.value) slugEdited.current = true;
    else if (name.value) slug.value = suggestSlug(name.value);
  });
  const [errors, setErrors] = useState<{ name?: string; slug?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which onSubmit reads.

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    // Read from the fields, not from state: what was typed before hydration is only there.
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "");
    const slug = String(data.get("slug") ?? "");
    setPending(true);
    setErrors({});
    try {
      const answer = await callOrganizationsApi(apiBasePath, "POST", "/organizations", { slug, name });
      if (answer.body?.status === "OK") {
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- lib/ui (embeddable, no next/*) has no router; a full load renders the new organization's page and header
        window.location.assign(`${organizationPagePrefix}${encodeURIComponent(slug)}`);
        return;
      }
      const message = organizationMessage(answer, t);
      const status = answer.body?.status;
      const field = status === "NAME_INVALID" ? "name" : status?.startsWith("SLUG_") || status === "ORGANIZATION_ALREADY_EXISTS" ? "slug" : "form";
      setErrors({ [field]: message });
      if (field !== "form") document.getElementById(`organization-${field}`)?.focus();
    } catch {
      setErrors({ form: t.general });
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} method="post" className="gh-card" aria-labelledby="create-organization-title" onSubmit={onSubmit} noValidate>
      <h2 id="create-organization-title">{t.orgCreateTitle}</h2>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      <Field
        id="organization-name"
        label={t.orgName}
        error={errors.name}
        control={(field) => (
          <input
            {...field}
            name="name"
            required
            maxLength={ORGANIZATION_NAME_MAX_LENGTH}
            onChange={(event) => {
              if (!slugEdited.current && slugField.current) slugField.current.value = suggestSlug(event.target.value);
            }}
          />
        )}
      />
      <Field
        id="organization-slug"
        label={t.orgSlug}
        hint={t.orgSlugHint}
        error={errors.slug}
        control={(field) => (
          <input
            {...field}
            name="slug"
            required
            maxLength={63}
            autoCapitalize="none"
            spellCheck={false}
            ref={slugField}
            onChange={() => {
              slugEdited.current = true;
            }}
          />
        )}
      />
      {errors.form && (
        <p className="gh-error" role="alert">
          {errors.form}
        </p>
      )}
      <SubmitButton pending={pending}>{t.orgCreate}</SubmitButton>
    </form>
  );
}
