"use client";

import { Fragment, useCallback, useEffect, useState, type FormEvent } from "react";
import { en } from "../../i18n/en";
import { format } from "../../i18n/index";
import { adminApi, adminErrorText, formatTime, type AdminPaths, type AdminUser } from "./admin-api";
import { Field } from "../field";
import { useHydrated } from "../hydrated";
import { pickMessages, type MessagesOf } from "../client-messages";
import { USERS_TABLE_MESSAGES } from "./admin-messages";

const ENGLISH = pickMessages(en, USERS_TABLE_MESSAGES);

export interface UsersTableProps extends Partial<AdminPaths> {
  /** Users per page. @default 20 */
  pageSize?: number;
  /** Where a user's detail page is; the user id is appended. @default "/admin/users/" */
  userHref?: string;
  /** The strings it shows, `pickMessages(t, USERS_TABLE_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof USERS_TABLE_MESSAGES)[number]>;
  /** The language dates and numbers are written in, e.g. "de". @default the browser's */
  locale?: string;
}

/** The longest id a user can have (the id columns' length). */
const MAX_ID_LENGTH = 191;

interface Query {
  email: string;
  method: "" | "emailpassword" | "thirdparty" | "passwordless";
  order: "newest" | "oldest";
}

/**
 * The users table of the admin dashboard: newest or oldest first, a page at a time (cursor
 * pagination: Previous goes back through the tokens already seen), with a search by email
 * prefix and sign-in method and the number of matching users. The search term is also looked
 * up as a user id and as an id from before an import, which finds users without an email too.
 * Embeddable.
 */
export function UsersTable({
  apiBasePath = "/api/auth",
  signInPath = "/auth",
  pageSize = 20,
  userHref = "/admin/users/",
  messages: t = ENGLISH,
  locale,
}: UsersTableProps) {
  const number = (n: number) => n.toLocaleString(locale);
  const [query, setQuery] = useState<Query>({ email: "", method: "", order: "newest" });
  // tokens[i] opens page i; page 0 needs none.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [count, setCount] = useState<number | null>(null);
  // Users whose id, or id before an import, is the search term: found with or without an email.
  const [idMatches, setIdMatches] = useState<AdminUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Until React hydrates the search form, a click would submit it natively and lose the search
  // (see auth-form.tsx): its button waits for hydration, and search() reads the fields.
  const hydrated = useHydrated();

  /** Loads the page the query and page number ask for; `superseded` tells when a newer load has started. */
  const load = useCallback(
    async (superseded: () => boolean) => {
      const paths = { apiBasePath, signInPath };
      const filter = new URLSearchParams({ ...(query.email && { email: query.email }), ...(query.method && { method: query.method }) });
      const list = new URLSearchParams(filter);
      list.set("limit", String(pageSize));
      list.set("order", query.order);
      const token = tokens[page];
      if (token) list.set("paginationToken", token);
      const id = query.email.trim();
      try {
        setError(null);
        const [listed, counted, byId] = await Promise.all([
          adminApi<{ users: AdminUser[]; nextPaginationToken?: string }>(paths, `/users?${list}`),
          adminApi<{ count: number }>(paths, `/users/count?${filter}`),
          id && id.length <= MAX_ID_LENGTH ? adminApi<{ users: AdminUser[] }>(paths, `/users/lookup?${new URLSearchParams({ id })}`) : { users: [] },
        ]);
        // An older load answering last (the first page, still loading when a search was sent)
        // must not overwrite what the newer one shows.
        if (superseded()) return;
        setUsers(listed.users);
        setCount(counted.count);
        setIdMatches(byId.users);
        setTokens((seen) => [...seen.slice(0, page + 1), listed.nextPaginationToken]);
      } catch (e) {
        if (!superseded()) setError(adminErrorText(e, t, t.adminUsersLoadFailed));
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `tokens` is left out on purpose: this load writes it, and must not run again for that.
    [apiBasePath, signInPath, pageSize, query, page, t],
  );

  useEffect(() => {
    let stale = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() clears the last error at once (nothing to re-render when there is none); the rest waits for its fetches
    void load(() => stale);
    return () => {
      stale = true;
    };
  }, [load]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // From the fields, not from state: what was typed before hydration is only there.
    const data = new FormData(event.currentTarget);
    setTokens([undefined]);
    setPage(0);
    setQuery({
      email: String(data.get("email") ?? ""),
      method: String(data.get("method") ?? "") as Query["method"],
      order: data.get("order") === "oldest" ? "oldest" : "newest",
    });
  }

  const hasNext = tokens[page + 1] !== undefined;
  const first = page * pageSize + 1;
  return (
    <section aria-labelledby="users-title" className="gh-admin-section">
      <h2 id="users-title">
        {t.adminUsersTitle}
        {count !== null && (
          <span className="gh-muted" data-testid="user-count">
            {" "}
            ({number(count)})
          </span>
        )}
      </h2>
      <noscript>
        <p className="gh-error">{t.javaScriptNeeded}</p>
      </noscript>
      <form method="post" className="gh-admin-search" onSubmit={search} role="search">
        {/* Search fields are never invalid: only the id is wired, no aria-invalid. */}
        <Field
          id="user-search-email"
          label={t.adminSearchEmail}
          control={({ id }) => <input id={id} name="email" type="search" defaultValue={query.email} />}
        />
        <Field
          id="user-search-method"
          label={t.adminSearchMethod}
          control={({ id }) => (
            <select id={id} name="method" defaultValue={query.method}>
              <option value="">{t.adminMethodAny}</option>
              <option value="emailpassword">{t.adminMethodEmailPassword}</option>
              <option value="thirdparty">{t.adminMethodThirdParty}</option>
              <option value="passwordless">{t.adminMethodPasswordless}</option>
            </select>
          )}
        />
        <Field
          id="user-search-order"
          label={t.adminOrder}
          control={({ id }) => (
            <select id={id} name="order" defaultValue={query.order}>
              <option value="newest">{t.adminNewestFirst}</option>
              <option value="oldest">{t.adminOldestFirst}</option>
            </select>
          )}
        />
        <button className="gh-button" type="submit" disabled={!hydrated}>
          {t.adminSearch}
        </button>
      </form>
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
      {idMatches.length > 0 && (
        <p data-testid="id-matches">
          {t.adminIdMatches}:{" "}
          {idMatches.map((u, i) => (
            <Fragment key={u.id}>
              {i > 0 && ", "}
              <a href={`${userHref}${encodeURIComponent(u.id)}`}>{u.email ?? u.id}</a>
            </Fragment>
          ))}
        </p>
      )}
      {users === null ? (
        <p className="gh-muted" role="status">
          {t.adminLoadingUsers}
        </p>
      ) : (
        <>
          {/* Scrolls inside its box on a phone rather than widening the page; focusable so that a keyboard can scroll it. */}
          <div className="gh-table-scroll" tabIndex={0} role="region" aria-labelledby="users-title">
            <table className="gh-table" data-testid="users-table">
              <caption className="gh-muted">
                {users.length === 0
                  ? t.adminNoUsersMatch
                  : format(t.adminUsersRange, { first: number(first), last: number(first + users.length - 1) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.email}</th>
                  <th scope="col">{t.verified}</th>
                  <th scope="col">{t.adminSignInMethods}</th>
                  <th scope="col">{t.adminJoined}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-testid="user-row">
                    <td>
                      <a href={`${userHref}${encodeURIComponent(u.id)}`}>{u.email ?? u.id}</a>
                    </td>
                    <td>{u.emailVerified ? t.adminYes : t.adminNo}</td>
                    <td>
                      {u.loginMethods
                        .map((m) =>
                          m.thirdParty ? m.thirdParty.id : m.recipeId === "passwordless" ? t.adminPasswordlessShort : t.adminEmailPasswordShort,
                        )
                        .join(", ") || "-"}
                    </td>
                    <td>{formatTime(u.timeJoined, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="gh-admin-pager" aria-label={t.adminPagesOfUsers}>
            <button className="gh-button" type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t.adminPrevious}
            </button>
            <span className="gh-muted" data-testid="page-number">
              {format(t.adminPageNumber, { page: number(page + 1) })}
            </span>
            <button className="gh-button" type="button" disabled={!hasNext} onClick={() => setPage(page + 1)}>
              {t.adminNext}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
