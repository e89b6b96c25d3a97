import { z } from 'zod';
import { readAnswer } from './github-issue';
import { pathOf, type GitHubHttp } from './github-http';

/** How long an answer (a login, or "none") is kept: people rarely change their GitHub email or access. */
export const ACCOUNT_CACHE_MS = 10 * 60_000;

/** Entries kept at most; the oldest go first. A team is far smaller, so this only bounds memory. */
const MAX_CACHED = 1000;

const userSearch = z.object({ total_count: z.number(), items: z.array(z.object({ login: z.string() })) });

export interface AccountsContext {
  http: GitHubHttp;
  owner: string;
  repo: string;
  /** Lower-cased Slack user ids and emails → GitHub logins (`GITHUB_USER_MAP`). */
  userMap: Record<string, string>;
  now?: () => number;
}

/**
 * Finds people's GitHub logins: from the mapping file (Slack id first, then email), else GitHub's
 * user search by public email, taken only when it finds exactly one account. A login is given
 * only when the repository accepts it as an assignee. Answers, "none" included, are kept for
 * {@link ACCOUNT_CACHE_MS}, so listing items does not spend the search API's 30 calls a minute;
 * a failed call is not kept, and throws.
 */
export class GitHubAccounts {
  private readonly cache = new Map<string, { login: string | null; until: number }>();
  private readonly now: () => number;

  constructor(private readonly context: AccountsContext) {
    this.now = context.now ?? Date.now;
  }

  async accountFor(person: { slackUserId: string; email: string | null }): Promise<string | null> {
    const email = person.email?.trim().toLowerCase() || null;
    const key = `${person.slackUserId}\n${email ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.login;

    const candidate = this.mapped(person.slackUserId, email) ?? (email ? await this.searchByEmail(email) : null);
    const login = candidate && (await this.canBeAssigned(candidate)) ? candidate : null;

    this.cache.delete(key);
    this.cache.set(key, { login, until: this.now() + ACCOUNT_CACHE_MS });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    return login;
  }

  private mapped(slackUserId: string, email: string | null): string | null {
    const { userMap } = this.context;
    const login = userMap[slackUserId.toLowerCase()] ?? (email ? userMap[email] : undefined);
    // `@dana` and `dana` both name the login.
    return login?.trim().replace(/^@/, '') || null;
  }

  /** GitHub finds public emails only: a private one finds nobody (the mapping file is for those). */
  private async searchByEmail(email: string): Promise<string | null> {
    const answer = await this.context.http.request('GET', '/search/users', { query: { q: `${email} in:email` } });
    const found = readAnswer(userSearch, answer.body, 'GET /search/users');
    return found.total_count === 1 && found.items.length === 1 ? found.items[0]!.login : null;
  }

  /** GitHub answers 204 when the login may be assigned in the repository, 404 when not. */
  private async canBeAssigned(login: string): Promise<boolean> {
    const { http, owner, repo } = this.context;
    const answer = await http.request('GET', pathOf('repos', owner, repo, 'assignees', login), { expected: [404] });
    return answer.status !== 404;
  }
}
