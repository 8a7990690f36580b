"use client";

import { useState, type FormEvent } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { Field } from "./field";
import { useFieldsAtHydration } from "./field-at-hydration";
import { callOrganizationsApi, organizationMessage, organizationPath } from "./organization-api";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { ORGANIZATION_DANGER_ZONE_MESSAGES } from "./organization-messages";

const ENGLISH = pickMessages(en, ORGANIZATION_DANGER_ZONE_MESSAGES);

export interface OrganizationDangerZoneProps {
  organizationId: string;
  organizationName: string;
  /** The signed-in user's role here: the owner transfers and deletes, everyone else may leave. */
  myRole: string;
  /** The other members, to whom the owner may transfer ownership. */
  otherMembers: { userId: string; label: string }[];
  /** Whether this is the session's active organization: the session switches to personal before leaving or deleting it. */
  isActive: boolean;
  /** Where to go after leaving or deleting. @default "/account/organizations" */
  afterLeavePath?: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** The strings it shows, `pickMessages(t, ORGANIZATION_DANGER_ZONE_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof ORGANIZATION_DANGER_ZONE_MESSAGES)[number]>;
}

/** Leave (members and admins); transfer ownership and delete with the slug typed again (the owner). */
export function OrganizationDangerZone(props: OrganizationDangerZoneProps) {
  const { organizationId, organizationName, myRole, otherMembers, isActive, apiBasePath = "/api/auth", messages: t = ENGLISH } = props;
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<{ at: string; message: string } | null>(null);
  // Enables the delete button; the slug typed before hydration counts too.
  const [confirm, setConfirm] = useState("");
  const confirmRef = useFieldsAtHydration<HTMLInputElement>((field) => setConfirm(field.value));
  const organization = organizationName;

  /** Best effort: a switch that fails leaves the session where it was. */
  const switchTo = (organizationId: string) =>
    callOrganizationsApi(apiBasePath, "PUT", "/organizations/active", { organizationId }).catch(() => null);

  async function act(at: string, path: string, body: unknown, then: "leave" | "reload") {
    setPending(at);
    setError(null);
    // Leaving or deleting an organization ends the sessions inside it (docs/organizations.md):
    // the session steps out to personal first, so that the person stays signed in, and goes back
    // in if the action is refused.
    const stepOut = then === "leave" && isActive;
    try {
      if (stepOut) await switchTo("public");
      const answer = await callOrganizationsApi(apiBasePath, "POST", organizationPath(organizationId, path), body);
      if (answer.body?.status !== "OK") {
        if (stepOut) await switchTo(organizationId);
        setError({ at, message: organizationMessage(answer, t) });
        if (at === "delete") document.getElementById("delete-confirm")?.focus();
        return;
      }
      if (then === "reload") return window.location.reload();
      window.location.assign(props.afterLeavePath ?? "/account/organizations");
    } catch {
      if (stepOut) await switchTo(organizationId);
      setError({ at, message: t.general });
    } finally {
      setPending(null);
    }
  }
  const errorAt = (at: string) =>
    error?.at === at && (
      <p className="gh-error" role="alert">
        {error.message}
      </p>
    );

  if (myRole !== "owner") {
    return (
      <section className="gh-card gh-danger-zone" aria-labelledby="leave-title">
        <h2 id="leave-title">{t.orgLeaveTitle}</h2>
        <p className="gh-muted">{format(t.orgLeaveBody, { organization })}</p>
        {errorAt("leave")}
        <SubmitButton
          type="button"
          className="gh-button-secondary gh-button-danger"
          pending={pending === "leave"}
          onClick={() => void act("leave", "/leave", undefined, "leave")}
        >
          {format(t.orgLeave, { organization })}
        </SubmitButton>
      </section>
    );
  }
  return (
    <>
      {otherMembers.length > 0 && (
        <form
          className="gh-card"
          aria-labelledby="transfer-title"
          method="post"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            // From the field: a member picked before hydration is only there.
            const userId = String(new FormData(event.currentTarget).get("userId") ?? "");
            void act("transfer", "/transfer", { userId }, "reload");
          }}
        >
          <h2 id="transfer-title">{t.orgTransferTitle}</h2>
          <p className="gh-muted">{format(t.orgTransferBody, { organization })}</p>
          <Field
            id="transfer-to"
            label={t.orgTransferTo}
            control={(field) => (
              <select {...field} name="userId" defaultValue={otherMembers[0]?.userId}>
                {otherMembers.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
          />
          {errorAt("transfer")}
          <SubmitButton className="gh-button-secondary" pending={pending === "transfer"}>
            {t.orgTransfer}
          </SubmitButton>
        </form>
      )}
      <form
        className="gh-card gh-danger-zone"
        aria-labelledby="delete-title"
        method="post"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void act("delete", "/delete", { confirm: String(new FormData(event.currentTarget).get("confirm") ?? "") }, "leave");
        }}
        noValidate
      >
        <h2 id="delete-title">{t.orgDeleteTitle}</h2>
        <p className="gh-muted">{format(t.orgDeleteBody, { organization })}</p>
        <Field
          id="delete-confirm"
          label={format(t.orgDeleteConfirm, { slug: organizationId })}
          error={error?.at === "delete" ? error.message : null}
          control={(field) => (
            <input
              {...field}
              name="confirm"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              ref={confirmRef}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        />
        <SubmitButton className="gh-button gh-button-danger" pending={pending === "delete"} disabled={confirm !== organizationId}>
          {t.orgDelete}
        </SubmitButton>
      </form>
    </>
  );
}
