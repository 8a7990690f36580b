/**
 * Each built-in provider's profile mapping, from sample answers shaped as each provider
 * documents them (written for these tests; ids and addresses are made up).
 */
import { describe, expect, it } from "vitest";
import type { FetchWithAccessToken } from "./options";
import { resolveThirdPartyConfig } from "./resolve-third-party";

const providers = resolveThirdPartyConfig({
  providers: {
    google: { clientId: "g", clientSecret: "s" },
    github: { clientId: "g", clientSecret: "s" },
    apple: { clientId: "com.example.web", teamId: "TEAM123456", keyId: "KEY1234567", privateKey: "-----BEGIN PRIVATE KEY-----" },
    facebook: { clientId: "g", clientSecret: "s" },
    microsoft: { clientId: "g", clientSecret: "s" },
    discord: { clientId: "g", clientSecret: "s" },
    gitlab: { clientId: "g", clientSecret: "s" },
    linkedin: { clientId: "g", clientSecret: "s" },
    twitter: { clientId: "g", clientSecret: "s" },
    bitbucket: { clientId: "g", clientSecret: "s" },
  },
}).providers;
const mapperOf = (id: string) => providers.find((p) => p.id === id)!.mapProfile;

/** A fetch that answers from a table and records what was asked. */
function answering(table: Record<string, unknown>): FetchWithAccessToken & { asked: string[] } {
  const asked: string[] = [];
  const fetchJson = async (url: string) => {
    asked.push(url);
    if (!(url in table)) throw new Error(`unexpected ${url}`);
    return table[url];
  };
  return Object.assign(fetchJson, { asked });
}
const noFetch = answering({});

describe("built-in profile mappings", () => {
  it("Google: ID-token claims", async () => {
    const claims = {
      iss: "https://accounts.google.com",
      aud: "g",
      sub: "110169484474386276334",
      email: "zoe@gmail.com",
      email_verified: true,
      name: "Zoë Example",
      picture: "https://lh3.googleusercontent.com/a/photo",
      hd: undefined,
    };
    expect(await mapperOf("google")({ fromIdTokenPayload: claims }, noFetch)).toEqual({
      id: "110169484474386276334",
      email: "zoe@gmail.com",
      emailVerified: true,
      name: "Zoë Example",
      picture: "https://lh3.googleusercontent.com/a/photo",
    });
  });

  it("GitHub: /user, then the primary verified address from /user/emails", async () => {
    const user = {
      login: "octozoe",
      id: 5834127,
      avatar_url: "https://avatars.githubusercontent.com/u/5834127?v=4",
      name: null,
      email: "public@example.com",
    };
    const fetchJson = answering({
      "https://api.github.com/user/emails": [
        { email: "public@example.com", primary: false, verified: true, visibility: "public" },
        { email: "zoe@example.com", primary: true, verified: true, visibility: "private" },
      ],
    });
    expect(await mapperOf("github")({ fromUserInfoAPI: user }, fetchJson)).toEqual({
      id: "5834127",
      email: "zoe@example.com",
      emailVerified: true,
      name: "octozoe",
      picture: "https://avatars.githubusercontent.com/u/5834127?v=4",
    });
    expect(fetchJson.asked).toEqual(["https://api.github.com/user/emails"]);
  });

  it("GitHub: an unverified primary address stays unverified; without the emails scope, /user's email is unverified", async () => {
    const user = { login: "octozoe", id: 5834127, email: "public@example.com" };
    const unverified = answering({ "https://api.github.com/user/emails": [{ email: "zoe@example.com", primary: true, verified: false }] });
    expect(await mapperOf("github")({ fromUserInfoAPI: user }, unverified)).toMatchObject({ email: "zoe@example.com", emailVerified: false });
    expect(await mapperOf("github")({ fromUserInfoAPI: user }, noFetch)).toMatchObject({ email: "public@example.com", emailVerified: false });
  });

  it('Apple: email_verified arrives as the string "true"; private relay addresses are kept', async () => {
    const claims = {
      iss: "https://appleid.apple.com",
      sub: "001234.abcdef0123456789abcdef0123456789.0123",
      email: "x7ydq2n4rb@privaterelay.appleid.com",
      email_verified: "true",
      is_private_email: "true",
    };
    expect(await mapperOf("apple")({ fromIdTokenPayload: claims }, noFetch)).toEqual({
      id: "001234.abcdef0123456789abcdef0123456789.0123",
      email: "x7ydq2n4rb@privaterelay.appleid.com",
      emailVerified: true,
      name: undefined,
      picture: undefined,
    });
    expect(await mapperOf("apple")({ fromIdTokenPayload: { ...claims, email_verified: "false" } }, noFetch)).toMatchObject({ emailVerified: false });
  });

  it("Facebook: Graph /me, picture from picture.data.url, email never treated as verified", async () => {
    const me = {
      id: "10158765432101234",
      name: "Zoë Example",
      email: "zoe@example.com",
      picture: { data: { height: 50, is_silhouette: false, url: "https://platform-lookaside.fbsbx.com/p.jpg", width: 50 } },
    };
    expect(await mapperOf("facebook")({ fromUserInfoAPI: me }, noFetch)).toEqual({
      id: "10158765432101234",
      email: "zoe@example.com",
      emailVerified: false,
      name: "Zoë Example",
      picture: "https://platform-lookaside.fbsbx.com/p.jpg",
    });
  });

  it("Microsoft: the email is unverified unless xms_edov says the domain owner verified it", async () => {
    const claims = {
      iss: "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
      sub: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
      tid: "9188040d-6c67-4c5b-b112-36a304b66dad",
      email: "zoe@contoso.com",
      name: "Zoë Example",
      preferred_username: "zoe@contoso.com",
    };
    expect(await mapperOf("microsoft")({ fromIdTokenPayload: claims }, noFetch)).toEqual({
      id: claims.sub,
      email: "zoe@contoso.com",
      emailVerified: false,
      name: "Zoë Example",
    });
    expect(await mapperOf("microsoft")({ fromIdTokenPayload: { ...claims, xms_edov: true } }, noFetch)).toMatchObject({ emailVerified: true });
    expect(await mapperOf("microsoft")({ fromIdTokenPayload: { ...claims, xms_edov: "1" } }, noFetch)).toMatchObject({ emailVerified: true });
    // One source's xms_edov vouches only for the address beside it, as email_verified does for
    // the other OIDC providers: user-info's other address, overlaid on the ID token's, is not vouched for.
    const overlaid = { fromIdTokenPayload: { ...claims, xms_edov: true }, fromUserInfoAPI: { sub: claims.sub, email: "ceo@fabrikam.com" } };
    expect(await mapperOf("microsoft")(overlaid, noFetch)).toMatchObject({ email: "ceo@fabrikam.com", emailVerified: false });
    const same = { fromIdTokenPayload: { ...claims, xms_edov: true }, fromUserInfoAPI: { sub: claims.sub, email: claims.email } };
    expect(await mapperOf("microsoft")(same, noFetch)).toMatchObject({ email: claims.email, emailVerified: true });
  });

  it("Discord: /users/@me, `verified` and an avatar URL from the hash", async () => {
    const me = {
      id: "80351110224678912",
      username: "zoe",
      global_name: "Zoë",
      avatar: "8342729096ea3675442027381ff50dfe",
      email: "zoe@example.com",
      verified: true,
    };
    expect(await mapperOf("discord")({ fromUserInfoAPI: me }, noFetch)).toEqual({
      id: "80351110224678912",
      email: "zoe@example.com",
      emailVerified: true,
      name: "Zoë",
      picture: "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
    });
    expect(await mapperOf("discord")({ fromUserInfoAPI: { ...me, verified: false, avatar: null } }, noFetch)).toMatchObject({
      emailVerified: false,
      picture: undefined,
    });
  });

  it("GitLab: OIDC claims, user-info overlaying the ID token", async () => {
    const idToken = { iss: "https://gitlab.com", sub: "1234567", nonce: "n" };
    const userInfo = {
      sub: "1234567",
      name: "Zoë Example",
      nickname: "zoe",
      email: "zoe@example.com",
      email_verified: true,
      picture: "https://gitlab.com/uploads/-/system/user/avatar/1234567/avatar.png",
    };
    expect(await mapperOf("gitlab")({ fromIdTokenPayload: idToken, fromUserInfoAPI: userInfo }, noFetch)).toEqual({
      id: "1234567",
      email: "zoe@example.com",
      emailVerified: true,
      name: "Zoë Example",
      picture: userInfo.picture,
    });
  });

  it("OIDC: the email and its email_verified come as one pair, never the ID token's flag for user-info's address", async () => {
    const idToken = { sub: "42", email: "old@example.com", email_verified: true };
    const changed = { sub: "42", email: "new@example.com" };
    for (const id of ["gitlab", "google", "linkedin"]) {
      const mapped = await mapperOf(id)({ fromIdTokenPayload: idToken, fromUserInfoAPI: changed }, noFetch);
      expect(mapped).toMatchObject({ email: "new@example.com", emailVerified: false });
      const same = await mapperOf(id)({ fromIdTokenPayload: idToken, fromUserInfoAPI: { sub: "42", email: "old@example.com" } }, noFetch);
      expect(same).toMatchObject({ email: "old@example.com", emailVerified: true });
      const flagged = await mapperOf(id)({ fromIdTokenPayload: idToken, fromUserInfoAPI: { ...changed, email_verified: true } }, noFetch);
      expect(flagged).toMatchObject({ email: "new@example.com", emailVerified: true });
    }
  });

  it("LinkedIn: OIDC claims", async () => {
    const claims = {
      iss: "https://www.linkedin.com/oauth",
      sub: "782bbtaQ",
      email: "zoe@example.com",
      email_verified: true,
      name: "Zoë Example",
      picture: "https://media.licdn.com/dms/image/p.jpg",
      locale: { country: "US", language: "en" },
    };
    expect(await mapperOf("linkedin")({ fromIdTokenPayload: claims }, noFetch)).toEqual({
      id: "782bbtaQ",
      email: "zoe@example.com",
      emailVerified: true,
      name: "Zoë Example",
      picture: "https://media.licdn.com/dms/image/p.jpg",
    });
  });

  it("X: /2/users/me under `data`; confirmed_email only when the scope was granted", async () => {
    const me = {
      data: {
        id: "2244994945",
        name: "Zoë Example",
        username: "zoe",
        profile_image_url: "https://pbs.twimg.com/profile_images/p_normal.jpg",
        confirmed_email: "zoe@example.com",
      },
    };
    expect(await mapperOf("twitter")({ fromUserInfoAPI: me }, noFetch)).toEqual({
      id: "2244994945",
      email: "zoe@example.com",
      emailVerified: true,
      name: "Zoë Example",
      picture: "https://pbs.twimg.com/profile_images/p_normal.jpg",
    });
    const { confirmed_email: _, ...withoutEmail } = me.data;
    expect(await mapperOf("twitter")({ fromUserInfoAPI: { data: withoutEmail } }, noFetch)).toMatchObject({ email: undefined, emailVerified: false });
  });

  it("Bitbucket: /2.0/user, then the primary address and its confirmation from /2.0/user/emails", async () => {
    const user = {
      uuid: "{d301aafa-d676-4ee0-88be-962be7417567}",
      account_id: "557058:c0b72ad0",
      display_name: "Zoë Example",
      links: { avatar: { href: "https://avatar-management.services.atlassian.com/a.png" } },
    };
    const fetchJson = answering({
      "https://api.bitbucket.org/2.0/user/emails": {
        values: [
          { email: "old@example.com", is_primary: false, is_confirmed: true, type: "email" },
          { email: "zoe@example.com", is_primary: true, is_confirmed: true, type: "email" },
        ],
      },
    });
    expect(await mapperOf("bitbucket")({ fromUserInfoAPI: user }, fetchJson)).toEqual({
      id: "{d301aafa-d676-4ee0-88be-962be7417567}",
      email: "zoe@example.com",
      emailVerified: true,
      name: "Zoë Example",
      picture: "https://avatar-management.services.atlassian.com/a.png",
    });
  });
});
