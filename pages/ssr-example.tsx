import Head from "next/head";
import type { InferGetServerSidePropsType } from "next";
import { gatehouse } from "@/lib/gatehouse";
import { withSessionSSR } from "@/lib/next/pages";
import { SignOutButton } from "@/lib/ui/sign-out-button";

/**
 * Pages Router example: getServerSideProps reads the session from the access-token cookie; an
 * expired token sends the browser through /auth/refresh and back here, no session to /auth.
 */
export const getServerSideProps = withSessionSSR(async (_context, session) => {
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return {
    props: { userId: session.userId, payload: session.accessTokenPayload as Record<string, unknown>, apiBasePath, websiteBasePath },
  };
});

export default function SsrExamplePage({ userId, payload, apiBasePath, websiteBasePath }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  return (
    <main>
      <Head>
        <title>getServerSideProps example · Gatehouse</title>
      </Head>
      <div className="gh-card">
        <h1>getServerSideProps example</h1>
        <p>
          Signed in as user <code data-testid="user-id">{userId}</code>
        </p>
        <h2>Access-token payload</h2>
        <pre data-testid="payload">{JSON.stringify(payload)}</pre>
        <SignOutButton apiBasePath={apiBasePath} afterSignOut={websiteBasePath} />
      </div>
    </main>
  );
}
