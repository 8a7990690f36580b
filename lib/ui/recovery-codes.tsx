"use client";

import { en, type Messages } from "../i18n/en";

/** The recovery codes, shown once after they are made. */
export function RecoveryCodes({ codes, continueTo, messages: t = en }: { codes: string[]; continueTo: string; messages?: Messages }) {
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
