import { fetchWithSession } from "./fetch";
import { resolveClientOptions, type GatehouseClientOptions } from "./options";
import { removeFrontToken } from "./session-store";

/**
 * Signs out: `POST {apiBasePath}/signout` revokes the session on the server and clears its
 * cookies. An expired access token is refreshed once first (the server needs a valid one to
 * know which session to revoke; a session merely forgotten by the browser would live on until
 * its refresh token expired). The local front token is cleared whatever happens, so the UI
 * never keeps showing a signed-in user.
 *
 * Resolves true when the server confirmed the sign-out; false when only the local state was
 * cleared (network error, or no session on the server).
 */
export async function signOut(options?: GatehouseClientOptions): Promise<boolean> {
  const resolved = resolveClientOptions(options);
  try {
    const response = await fetchWithSession(`${resolved.apiBasePath}/signout`, { method: "POST", headers: { rid: "session" } }, resolved, {
      forceRefresh: true,
    });
    return response.ok;
  } catch {
    return false;
  } finally {
    removeFrontToken();
  }
}
