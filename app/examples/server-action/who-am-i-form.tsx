"use client";

import { useActionState } from "react";
import { whoAmI } from "./actions";

export function WhoAmIForm({ refreshHref }: { refreshHref: string }) {
  const [state, formAction, pending] = useActionState(whoAmI, null);
  return (
    <form action={formAction}>
      <button className="gh-button" type="submit" disabled={pending}>
        Ask the server who I am
      </button>
      {state && (
        <p role="status" data-testid="action-result" data-status={state.status}>
          {state.status === "OK" && (
            <>
              You are user <code data-testid="user-id">{state.userId}</code>
            </>
          )}
          {state.status === "UNAUTHORISED" && "Refused: no session. Sign in first."}
          {state.status === "INVALID_CLAIM" && "Refused: the sign-in is not complete (a second factor, or a verified email, is still needed)."}
          {state.status === "TRY_REFRESH_TOKEN_ERROR" && (
            <>
              Refused: the access token expired. <a href={refreshHref}>Refresh the session</a> and ask again.
            </>
          )}
        </p>
      )}
    </form>
  );
}
