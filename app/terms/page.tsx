/** Placeholder linked from the sign-up form (config `ui.termsOfServiceUrl`); replace with your own. */
export default function TermsPage() {
  return (
    <main>
      <div className="gh-card">
        <h1>Terms of Service</h1>
        <p>
          This example app has no real terms. Point <code>ui.termsOfServiceUrl</code> at yours.
        </p>
      </div>
    </main>
  );
}
