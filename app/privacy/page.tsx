/** Placeholder linked from the sign-up form (config `ui.privacyPolicyUrl`); replace with your own. */
export default function PrivacyPage() {
  return (
    <main>
      <div className="gh-card">
        <h1>Privacy Policy</h1>
        <p>
          This example app has no real policy. Point <code>ui.privacyPolicyUrl</code> at yours.
        </p>
      </div>
    </main>
  );
}
