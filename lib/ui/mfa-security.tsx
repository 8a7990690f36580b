"use client";

import { useState } from "react";
import { en } from "../i18n/en";
import { format } from "../i18n";
import { SubmitButton } from "./submit-button";
import { callMfaApi, stepUpPathFor } from "./mfa-api";
import { RecoveryCodes } from "./recovery-codes";
import { TotpSetup } from "./totp-setup";
import { pickMessages, type MessagesOf } from "./client-messages";
import { MFA_SECURITY_MESSAGES, RECOVERY_CODES_MESSAGES, TOTP_SETUP_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, MFA_SECURITY_MESSAGES);

export interface MfaSecurityProps {
  apiBasePath?: string;
  websiteBasePath?: string;
  /** The user's verified TOTP devices, by name. */
  devices: string[];
  recoveryCodesLeft: number;
  /** The strings it shows, `pickMessages(t, MFA_SECURITY_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof MFA_SECURITY_MESSAGES)[number]>;
}

/** /account's "Security" section: the authenticators, recovery codes, and turning MFA on. */
export function MfaSecurity({
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  devices,
  recoveryCodesLeft,
  messages: t = ENGLISH,
}: MfaSecurityProps) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The button whose change runs (it shows the spinner). One change at a time: a second click on
  // "new recovery codes" would make a second set, and whichever answer came last would be shown,
  // perhaps the set the other one replaced.
  const [pending, setPending] = useState<string | null>(null);

  async function act(button: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> {
    setPending(button);
    const answer = await callMfaApi(apiBasePath, path, body).finally(() => setPending(null));
    // A sensitive change wants a recent code: verify, then come back here.
    const stepUp = stepUpPathFor(answer, websiteBasePath, "/account");
    if (stepUp) {
      window.location.assign(stepUp);
      return null;
    }
    return answer.body;
  }

  async function remove(name: string) {
    const body = await act(`remove ${name}`, "/totp/device/remove", { deviceName: name });
    if (body?.status === "OK") window.location.reload();
    else if (body) setNotice(t.general);
  }

  async function newCodes() {
    const body = await act("new codes", "/mfa/recovery-codes");
    if (body?.status === "OK") setCodes(body.recoveryCodes as string[]);
    else if (body) setNotice(t.general);
  }

  if (codes) return <RecoveryCodes codes={codes} continueTo="/account" messages={pickMessages(t, RECOVERY_CODES_MESSAGES)} />;
  return (
    <section className="gh-card" aria-labelledby="security-title">
      <h2 id="security-title" className="gh-title">
        {t.mfaSecurityTitle}
      </h2>
      <p data-testid="mfa-status">{devices.length > 0 ? t.mfaStatusOn : t.mfaStatusOff}</p>
      {devices.length > 0 && (
        <>
          <ul>
            {devices.map((name) => (
              <li key={name}>
                {name}{" "}
                <SubmitButton
                  type="button"
                  className="gh-button-secondary"
                  pending={pending === `remove ${name}`}
                  disabled={pending !== null}
                  onClick={() => remove(name)}
                >
                  {format(t.mfaRemoveDevice, { name })}
                </SubmitButton>
              </li>
            ))}
          </ul>
          <p>{format(t.mfaRecoveryCodesLeft, { count: String(recoveryCodesLeft) })}</p>
          <SubmitButton
            type="button"
            className="gh-button-secondary"
            pending={pending === "new codes"}
            disabled={pending !== null}
            onClick={newCodes}
          >
            {t.mfaRecoveryCodesNew}
          </SubmitButton>
        </>
      )}
      {notice && (
        <p className="gh-error" role="alert">
          {notice}
        </p>
      )}
      {devices.length === 0 && <TotpSetup apiBasePath={apiBasePath} continueTo="/account" messages={pickMessages(t, TOTP_SETUP_MESSAGES)} />}
    </section>
  );
}
