"use client";

import { useState } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { useFieldsAtHydration } from "./field-at-hydration";
import { useHydrated } from "./hydrated";
import { useLocalDate } from "./local-date";
import { ASSIGNABLE_ROLES, callOrganizationsApi, organizationMessage, organizationPath, roleName } from "./organization-api";
import { pickMessages, type MessagesOf } from "./client-messages";
import { ORGANIZATION_MEMBERS_MESSAGES } from "./organization-messages";

const ENGLISH = pickMessages(en, ORGANIZATION_MEMBERS_MESSAGES);

export interface OrganizationMember {
  userId: string;
  /** Null for a user without an email (a phone-only account): the id shows instead. */
  email: string | null;
  role: string;
  joinedAt: number;
}

export interface OrganizationMembersProps {
  organizationId: string;
  members: OrganizationMember[];
  /** The signed-in user's id: their own row has no controls. */
  myUserId: string;
  /** Whether the signed-in user may change roles and remove members (owner or admin). */
  canManage: boolean;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The strings it shows, `pickMessages(t, ORGANIZATION_MEMBERS_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof ORGANIZATION_MEMBERS_MESSAGES)[number]>;
  /** The language dates are written in. @default the browser's */
  locale?: string;
}

/** An organization's members with their roles; owners and admins change roles and remove members (never the owner's). */
export function OrganizationMembers(props: OrganizationMembersProps) {
  const { organizationId, members, myUserId, canManage, apiBasePath = "/api/auth", messages: t = ENGLISH, locale } = props;
  const date = useLocalDate(locale);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // A role picked before hydration enables "Change role" as one picked after.
  const listRef = useFieldsAtHydration<HTMLUListElement>((list) => {
    const picked: Record<string, string> = {};
    for (const select of list.querySelectorAll<HTMLSelectElement>("select[data-user-id]")) {
      const member = members.find((m) => m.userId === select.dataset.userId);
      if (member && select.value !== member.role) picked[member.userId] = select.value;
    }
    if (Object.keys(picked).length > 0) setDrafts(picked);
  });
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The rows' buttons are in the server's HTML, where a click would be lost without a sign: they wait for hydration.
  const hydrated = useHydrated();

  async function act(userId: string, method: "PUT" | "DELETE", body?: unknown) {
    setPending(userId);
    setError(null);
    const answer = await callOrganizationsApi(
      apiBasePath,
      method,
      organizationPath(organizationId, `/members/${encodeURIComponent(userId)}`),
      body,
    ).catch(() => null);
    if (answer?.body?.status === "OK") {
      // The page reads members through the engine: reload it rather than keep a second copy here.
      window.location.reload();
      return;
    }
    setError(answer ? organizationMessage(answer, t) : t.general);
    setPending(null);
  }

  return (
    <section className="gh-card" aria-labelledby="members-title">
      <h2 id="members-title">{t.orgMembersTitle}</h2>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      <ul ref={listRef} className="gh-org-list" data-testid="members">
        {members.map((member) => {
          const who = member.email ?? member.userId;
          const controls = canManage && member.role !== "owner" && member.userId !== myUserId;
          const draft = drafts[member.userId] ?? member.role;
          const selectId = `role-${member.userId}`;
          return (
            <li key={member.userId} className="gh-org-row" data-testid="member">
              <div className="gh-session-text">
                <p>{member.userId === myUserId ? format(t.orgYou, { email: who }) : who}</p>
                <p className="gh-muted">
                  <span data-testid="member-role">{roleName(member.role, t)}</span> · {t.adminJoined} {date(member.joinedAt)}
                </p>
              </div>
              {controls && (
                <div className="gh-org-actions" role="group" aria-label={who}>
                  <label className="gh-visually-hidden" htmlFor={selectId}>
                    {format(t.orgRoleOf, { email: who })}
                  </label>
                  <select
                    id={selectId}
                    data-user-id={member.userId}
                    value={draft}
                    onChange={(event) => setDrafts({ ...drafts, [member.userId]: event.target.value })}
                  >
                    {ASSIGNABLE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {roleName(role, t)}
                      </option>
                    ))}
                  </select>
                  <button
                    className="gh-button-secondary"
                    type="button"
                    disabled={pending !== null || draft === member.role || !hydrated}
                    aria-busy={pending === member.userId}
                    onClick={() => void act(member.userId, "PUT", { role: draft })}
                  >
                    {t.orgChangeRole}
                  </button>
                  <button
                    className="gh-button-secondary gh-button-danger"
                    type="button"
                    disabled={pending !== null || !hydrated}
                    onClick={() => void act(member.userId, "DELETE")}
                  >
                    {t.orgRemoveMember}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
