"use client";

import { useState, type FormEvent } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { Field } from "./field";
import { useLocalDate } from "./local-date";
import { ASSIGNABLE_ROLES, callOrganizationsApi, organizationMessage, organizationPath, roleName } from "./organization-api";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { ORGANIZATION_INVITATIONS_MESSAGES } from "./organization-messages";

const ENGLISH = pickMessages(en, ORGANIZATION_INVITATIONS_MESSAGES);

export interface OpenInvitation {
  id: string;
  email: string;
  role: string;
  expiresAt: number;
}

export interface OrganizationInvitationsProps {
  organizationId: string;
  /** The open invitations when the page was rendered. */
  invitations: OpenInvitation[];
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The strings it shows, `pickMessages(t, ORGANIZATION_INVITATIONS_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof ORGANIZATION_INVITATIONS_MESSAGES)[number]>;
  /** The language dates are written in. @default the browser's */
  locale?: string;
}

/** For owners and admins: invite by email with a role, and the open invitations with revoke. */
export function OrganizationInvitations(props: OrganizationInvitationsProps) {
  const { organizationId, apiBasePath = "/api/auth", messages: t = ENGLISH, locale } = props;
  const date = useLocalDate(locale);
  const [invitations, setInvitations] = useState(props.invitations);
  const [pending, setPending] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // SubmitButton waits for hydration; what was typed before it stays in the fields, which invite() reads.

  async function reload() {
    const answer = await callOrganizationsApi(apiBasePath, "GET", organizationPath(organizationId, "/invitations"));
    if (answer.body?.status === "OK") setInvitations(answer.body.invitations as OpenInvitation[]);
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    // Read from the fields, not from state: what was typed before hydration is only there.
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email") ?? "");
    const role = String(data.get("role") ?? "member");
    setPending("invite");
    setEmailError(null);
    setError(null);
    setSent(null);
    try {
      const answer = await callOrganizationsApi(apiBasePath, "POST", organizationPath(organizationId, "/invitations"), { email, role });
      if (answer.body?.status === "OK") {
        setSent(format(t.orgInvited, { email: email.trim() }));
        const emailField = form.elements.namedItem("email");
        if (emailField instanceof HTMLInputElement) emailField.value = "";
        await reload();
      } else if (answer.body?.status === "EMAIL_INVALID" || answer.body?.status === "EMAIL_DOMAIN_NOT_ALLOWED" || answer.httpStatus === 400) {
        setEmailError(organizationMessage(answer, t));
        document.getElementById("invite-email")?.focus();
      } else {
        setError(organizationMessage(answer, t));
      }
    } catch {
      setError(t.general);
    } finally {
      setPending(null);
    }
  }

  async function revoke(invitationId: string) {
    setPending(invitationId);
    setError(null);
    setSent(null);
    try {
      const answer = await callOrganizationsApi(
        apiBasePath,
        "DELETE",
        organizationPath(organizationId, `/invitations/${encodeURIComponent(invitationId)}`),
      );
      if (answer.body?.status !== "OK") setError(organizationMessage(answer, t));
      await reload();
    } catch {
      setError(t.general);
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      <form method="post" className="gh-card" aria-labelledby="invite-title" onSubmit={invite} noValidate>
        <h2 id="invite-title">{t.orgInviteTitle}</h2>
        <noscript>
          <p className="gh-error">{t.javaScriptNeeded}</p>
        </noscript>
        <Field
          id="invite-email"
          label={t.email}
          error={emailError}
          control={(field) => <input {...field} name="email" type="email" autoComplete="off" required maxLength={320} />}
        />
        <Field
          id="invite-role"
          label={t.orgInviteRole}
          control={(field) => (
            <select {...field} name="role" defaultValue="member">
              {ASSIGNABLE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleName(r, t)}
                </option>
              ))}
            </select>
          )}
        />
        {sent && (
          <p className="gh-success" role="status">
            {sent}
          </p>
        )}
        <SubmitButton pending={pending === "invite"}>{t.orgInvite}</SubmitButton>
      </form>
      <section className="gh-card" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t.orgInvitationsTitle}</h2>
        {error && (
          <p className="gh-error" role="alert">
            {error}
          </p>
        )}
        {invitations.length === 0 ? (
          <p className="gh-muted">{t.orgNoInvitations}</p>
        ) : (
          <ul className="gh-org-list" data-testid="invitations">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="gh-org-row" data-testid="invitation-row">
                <span className="gh-session-text">
                  {format(t.orgInvitationLine, {
                    email: invitation.email,
                    role: roleName(invitation.role, t),
                    date: date(invitation.expiresAt),
                  })}
                </span>
                {/* The rendered invitations are in the server's HTML: SubmitButton waits for hydration, lest a click be lost. */}
                <SubmitButton
                  className="gh-button-secondary"
                  type="button"
                  pending={pending === invitation.id}
                  disabled={pending !== null}
                  aria-label={`${t.orgRevoke}: ${invitation.email}`}
                  onClick={() => void revoke(invitation.id)}
                >
                  {t.orgRevoke}
                </SubmitButton>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
