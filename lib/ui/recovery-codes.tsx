"use client";

import { en } from "../i18n/en";
import { pickMessages, type MessagesOf } from "./client-messages";
import { RECOVERY_CODES_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, RECOVERY_CODES_MESSAGES);

/** The recovery codes, shown once after they are made. */
export function RecoveryCodes({
  codes,
  continueTo,
  messages: t = ENGLISH,
}: {
  codes: string[];
  continueTo: string;
  /** The strings it shows, `pickMessages(t, RECOVERY_CODES_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof RECOVERY_CODES_MESSAGES)[number]>;
}) {
  return (
    <section className="gh-card" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" className="gh-title">
        {t.mfaRecoveryCodesTitle}
      </h2>
      <p>{t.mfaRecoveryCodesIntro}</p>
      <ul data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <a className="gh-button" href={continueTo}>
        {t.mfaRecoveryCodesSaved}
      </a>
    </section>
  );
}
