"use client";

import { useState } from "react";
import { format } from "../../i18n/index";
import type { MessagesOf } from "../client-messages";
import { useHydrated } from "../hydrated";
import { adminApi, adminErrorText, type AdminPaths } from "./admin-api";
import type { ORGANIZATION_MEMBER_REMOVE_MESSAGES } from "./admin-messages";

export interface RemoveOrganizationMemberProps extends AdminPaths {
  organizationId: string;
  userId: string;
  /** Who is removed, as the members table shows them (the email, else the user id). */
  label: string;
  messages: MessagesOf<(typeof ORGANIZATION_MEMBER_REMOVE_MESSAGES)[number]>;
}

/**
 * The admin dashboard's "Remove" of one organization member, asked twice: the admin API's
 * `DELETE /admin/organizations/:id/members/:userId`, which also ends the member's sessions inside
 * the organization. The page is a server component, so a removal reloads it.
 */
export function RemoveOrganizationMember({ organizationId, userId, label, messages: t, ...paths }: RemoveOrganizationMemberProps) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // "Remove" is in the server's HTML, where a click would be lost without a sign: it waits for hydration.
  const hydrated = useHydrated();

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await adminApi(paths, `/organizations/${encodeURIComponent(organizationId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
      window.location.reload();
    } catch (e) {
      setError(adminErrorText(e, t, t.adminActionFailed));
      setPending(false);
    }
  }

  return (
    <div className="gh-admin-inline">
      {!confirming ? (
        <button className="gh-button-secondary" type="button" disabled={!hydrated} onClick={() => setConfirming(true)}>
          {t.adminOrgRemoveMember}
        </button>
      ) : (
        <div className="gh-admin-inline" role="group" aria-label={t.adminOrgRemoveNote}>
          <span className="gh-muted">{t.adminOrgRemoveNote}</span>
          <button className="gh-button gh-button-danger" type="button" disabled={pending} aria-busy={pending} onClick={() => void remove()}>
            {format(t.adminOrgRemoveConfirm, { member: label })}
          </button>
          <button className="gh-button-secondary" type="button" disabled={pending} onClick={() => setConfirming(false)}>
            {t.adminCancel}
          </button>
        </div>
      )}
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
