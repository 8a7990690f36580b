import type { EngineContext } from "../auth/context";
import type { SignInResult } from "../auth/emailpassword/sign-in";
import type { SignUpResult } from "../auth/emailpassword/sign-up";
import type { ThirdPartySignInUpResult } from "../auth/thirdparty/flow";
import { generalError, json, resultResponse } from "./respond";
import { attachTokens } from "./session-transport";

type SignInOutcome = SignInResult | SignUpResult | ThirdPartySignInUpResult;

/**
 * The answer to every sign-in and sign-up, whatever the method: OK with the FDI user and the
 * new session's tokens (cookies or headers, and `front-token`); a provider's failure as the
 * GENERAL_ERROR whose message FDI clients show (supertokens-web-js throws STGeneralError); every
 * other status through `resultResponse` (TOO_MANY_ATTEMPTS is 429).
 */
export function signInResponse(ctx: EngineContext, request: Request, result: SignInOutcome): Response {
  switch (result.status) {
    case "OK": {
      const body =
        "createdNewRecipeUser" in result
          ? { status: "OK", user: result.user, createdNewRecipeUser: result.createdNewRecipeUser }
          : { status: "OK", user: result.user };
      const response = json(body);
      attachTokens(response.headers, ctx.config, result.tokens, request, ctx.now());
      return response;
    }
    case "PROVIDER_ERROR":
      return generalError(result.message, result.code);
    default:
      return resultResponse(result);
  }
}
