"use client";

import { useId, useState } from "react";
import { en } from "../i18n/en";
import { ORGANIZATION_SWITCHER_MESSAGES, pickMessages, type MessagesOf } from "./client-messages";
import { useFieldsAtHydration } from "./field-at-hydration";
import { callOrganizationsApi, organizationMessage } from "./organization-api";

/** "public": the personal (public-tenant) session, in no organization. */
const PERSONAL = "public";
const ENGLISH = pickMessages(en, ORGANIZATION_SWITCHER_MESSAGES);

export interface OrganizationSwitcherProps {
  /** The signed-in user's organizations, in the order to list them. */
  organizations: { id: string; name: string }[];
  /** The session's active organization (its `gh-org` claim), or null for "Personal". */
  activeOrganizationId: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The switcher's strings, `pickMessages(t, ORGANIZATION_SWITCHER_MESSAGES)` (lib/ui/client-messages.ts). @default English */
  messages?: MessagesOf<(typeof ORGANIZATION_SWITCHER_MESSAGES)[number]>;
}

/**
 * Picks the session's active organization: `PUT /organizations/active` re-mints the access token
 * of the same session (no sign-out), then the page reloads so that it renders for the new one.
 */
export function OrganizationSwitcher({
  organizations,
  activeOrganizationId,
  apiBasePath = "/api/auth",
  messages: t = ENGLISH,
}: OrganizationSwitcherProps) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = activeOrganizationId ?? PERSONAL;
  // An organization picked before hydration is switched to then, as one picked after would be.
  // autoComplete="off" keeps the browser from restoring an old pick on back or reload, which
  // would switch without anyone asking.
  const selectRef = useFieldsAtHydration<HTMLSelectElement>((select) => {
    if (select.value !== current) void switchTo(select.value);
  });

  async function switchTo(organizationId: string) {
    setPending(true);
    setError(null);
    const answer = await callOrganizationsApi(apiBasePath, "PUT", "/organizations/active", { organizationId }).catch(() => null);
    if (answer?.body?.status === "OK") {
      window.location.reload();
      return;
    }
    setError(answer ? `${t.orgSwitchFailed} ${organizationMessage(answer, t)}` : t.orgSwitchFailed);
    setPending(false);
  }

  return (
    <div className="gh-org-switcher">
      <label htmlFor={id}>{t.orgSwitcherLabel}</label>
      <select
        id={id}
        data-testid="organization-switcher"
        ref={selectRef}
        autoComplete="off"
        value={current}
        disabled={pending}
        aria-busy={pending}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => void switchTo(event.target.value)}
      >
        <option value={PERSONAL}>{t.orgPersonal}</option>
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="gh-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
