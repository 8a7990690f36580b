"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { attemptRefreshingSession } from "../client/refresh";
import { getAccessTokenExpiry } from "../client/session";
import { usePendingTask } from "./use-pending-task";
import { en } from "../i18n/en";
import { format } from "../i18n/index";
import { callAuthApi, messageOf, type FdiAnswer } from "./fdi-post";
import { stepUpPathFor } from "./mfa-api";
import { registerPasskey } from "./passkey-ceremony";
import { SubmitButton } from "./submit-button";
import { pickMessages, type MessagesOf } from "./client-messages";
import { ACCOUNT_PASSKEYS_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, ACCOUNT_PASSKEYS_MESSAGES);

export interface AccountPasskeysProps {
  userId: string;
  /** The account's address: the name the new passkey is made under. */
  email: string;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** Where the built-in pages live: a step-up (MFA) goes to its `/mfa` page and comes back. @default "/auth" */
  websiteBasePath?: string;
  /** BCP 47 language for dates. @default "en" */
  locale?: string;
  /** The strings it shows, `pickMessages(t, ACCOUNT_PASSKEYS_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof ACCOUNT_PASSKEYS_MESSAGES)[number]>;
}

interface Passkey {
  webauthnCredentialId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

const RID = "webauthn";
/** How long before its expiry an access token is refreshed anyway: the browser's clock may run behind the server's. */
const TOKEN_EXPIRY_MARGIN_MS = 5_000;

/** "Passkeys" on /account: the user's passkeys with add, rename and remove. */
export function AccountPasskeys({
  userId,
  email,
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  locale = "en",
  messages: t = ENGLISH,
}: AccountPasskeysProps) {
  const [passkeys, setPasskeys] = useState<Passkey[] | null>(null);
  const { pending, error, setError, notice, setNotice, run: runTask } = usePendingTask(t.general);
  const date = (ms: number) => new Date(ms).toLocaleDateString(locale, { dateStyle: "medium" });

  const loads = useRef(0);
  const load = useCallback(async () => {
    const mine = ++loads.current;
    const answer = await callAuthApi(apiBasePath, "/webauthn/credential/list", { method: "GET", rid: RID });
    // "Add a passkey" works before the list loaded on arrival has answered: that older list,
    // answering last, must not overwrite the newer one and hide the passkey just added.
    if (mine !== loads.current) return;
    const body = answer.body as (FdiAnswer["body"] & { credentials?: Passkey[] }) | null;
    if (body?.status === "OK" && body.credentials) setPasskeys(body.credentials);
    else setError(messageOf(answer, t));
  }, [apiBasePath, setError, t]);

  useEffect(() => {
    // Loading on mount is this effect's purpose; its state updates come after the request.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  // With an authenticator set up, adding or removing a passkey asks for a recent code first
  // (step-up, asked before the authenticator makes anything); the MFA page comes back here.
  const stepUpIfAsked = (answer: FdiAnswer) => {
    const stepUp = stepUpPathFor(answer, websiteBasePath, window.location.pathname);
    if (stepUp) window.location.assign(stepUp);
    return stepUp !== null;
  };

  // Every change is followed by a fresh list.
  const run = (task: () => Promise<void>) =>
    runTask(async () => {
      await task();
      await load();
    });

  const add = () =>
    run(async () => {
      // The options take a session only while its access token is live (an expired one counts as
      // none there, as for a sign-up), and only then can they ask for the step-up: refresh first.
      const expiry = getAccessTokenExpiry();
      if (expiry !== undefined && expiry - TOKEN_EXPIRY_MARGIN_MS <= Date.now()) await attemptRefreshingSession({ apiBasePath });
      const outcome = await registerPasskey(apiBasePath, { email }, "/webauthn/credential", { recipeUserId: userId });
      if ("cancelled" in outcome) return setError(outcome.alreadyOnDevice ? t.accountPasskeyOnDevice : t.passkeyFailed);
      if (stepUpIfAsked(outcome.answer)) return;
      if (outcome.answer.body?.status === "OK") setNotice(t.accountPasskeyAdded);
      else setError(messageOf(outcome.answer, t));
    });

  const post = (path: string, body: Record<string, string>) =>
    run(async () => {
      const answer = await callAuthApi(apiBasePath, path, { rid: RID, body });
      if (stepUpIfAsked(answer)) return;
      if (answer.body?.status !== "OK") setError(messageOf(answer, t));
    });

  return (
    <section className="gh-card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t.accountPasskeysTitle}</h2>
      {passkeys?.length === 0 && <p className="gh-muted">{t.accountPasskeysNone}</p>}
      <ul className="gh-passkeys">
        {passkeys?.map((p) => (
          <li key={p.webauthnCredentialId} data-testid="passkey">
            <form
              method="post"
              onSubmit={(event) => {
                event.preventDefault();
                const name = String(new FormData(event.currentTarget).get("name") ?? "");
                void post("/webauthn/credential/rename", { webauthnCredentialId: p.webauthnCredentialId, name });
              }}
            >
              <input name="name" defaultValue={p.name} maxLength={100} aria-label={format(t.accountPasskeyName, { name: p.name })} />{" "}
              <button className="gh-button-secondary" type="submit" disabled={pending}>
                {t.accountPasskeyRename}
              </button>{" "}
              <button
                className="gh-button-secondary"
                type="button"
                disabled={pending}
                onClick={() => post("/webauthn/credential/remove", { webauthnCredentialId: p.webauthnCredentialId })}
              >
                {t.accountPasskeyRemove}
              </button>
            </form>
            <p className="gh-muted">
              {format(t.accountPasskeyCreated, { date: date(p.createdAt) })}
              {p.lastUsedAt !== null && `, ${format(t.accountPasskeyLastUsed, { date: date(p.lastUsedAt) })}`}
            </p>
          </li>
        ))}
      </ul>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {/* In the server's HTML, where a click would be lost: SubmitButton waits for hydration. */}
      <SubmitButton className="gh-button" type="button" onClick={add} pending={pending}>
        {t.accountPasskeyAdd}
      </SubmitButton>
    </section>
  );
}
