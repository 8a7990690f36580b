"use client";

import { useRef, useState } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { callOrganizationsApi, organizationMessage, organizationPath, roleName } from "./organization-api";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { ACCEPT_INVITATION_MESSAGES } from "./organization-messages";

const ENGLISH = pickMessages(en, ACCEPT_INVITATION_MESSAGES);

export interface AcceptInvitationProps {
  /** The token of the invitation link. */
  token: string;
  organizationId: string;
  organizationName: string;
  role: string;
  /** Where to go once joined. @default "/account/organizations/<organizationId>" */
  afterJoinPath?: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The strings it shows, `pickMessages(t, ACCEPT_INVITATION_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof ACCEPT_INVITATION_MESSAGES)[number]>;
}

/**
 * The "Join <organization> as <role>" button of the invitation page, for the signed-in invitee:
 * accepts (`POST /organizations/invitations/accept`), makes the organization the session's active
 * one (`PUT /organizations/active`, the same session) and goes on to it.
 */
export function AcceptInvitation(props: AcceptInvitationProps) {
  const { token, organizationId, organizationName, role, apiBasePath = "/api/auth", messages: t = ENGLISH } = props;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);
  const inFlight = useRef(false);

  async function accept() {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setError(null);
    try {
      const accepted = await callOrganizationsApi(apiBasePath, "POST", "/organizations/invitations/accept", { token });
      if (accepted.body?.status !== "OK") {
        setError(organizationMessage(accepted, t));
        return;
      }
      setJoined(true);
      // Joined either way; a failed switch leaves the session personal, and the switcher can do it later.
      await callOrganizationsApi(apiBasePath, "PUT", "/organizations/active", { organizationId }).catch(() => null);
      window.location.assign(props.afterJoinPath ?? `/account${organizationPath(organizationId)}`);
    } catch {
      setError(t.general);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }

  return (
    <div className="gh-accept-invitation">
      {/* The button waits for the script (SubmitButton): without it, say why it stays disabled. */}
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      {joined ? (
        <p className="gh-success" role="status">
          {format(t.acceptJoined, { organization: organizationName })}
        </p>
      ) : (
        <SubmitButton type="button" pending={pending} onClick={() => void accept()} data-testid="accept-invitation">
          {format(t.acceptJoin, { organization: organizationName, role: roleName(role, t) })}
        </SubmitButton>
      )}
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
