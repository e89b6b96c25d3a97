import type { OperationSpec } from '../github-reference';
import type { GitHubUrls } from '../github-objects';
import type { GitHubState, IssueRecord, RepositoryRecord, UserRecord } from '../github-state';
import type { IssueChange } from '../issue-actions';

/** A token the fake accepts: whose it is and what it may reach. */
export interface TokenGrant {
  token: string;
  /** The user the token acts as (created if the fake does not know them). */
  login: string;
  /** Full names of the repositories it can see; all of them when absent. Others answer 404. */
  repositories?: string[];
  /** `read`: writes answer 403 "Resource not accessible by personal access token". Default `write`. */
  permission?: 'read' | 'write';
}

/** Everything an operation needs: the checked request, the state, and a way to announce changes. */
export interface OperationContext {
  operation: OperationSpec;
  state: GitHubState;
  urls: GitHubUrls;
  grant: TokenGrant;
  /** The token's user: the `sender` of what this call changes. */
  actor: UserRecord;
  /** Path parameters, converted to their declared types. */
  pathParams: Record<string, unknown>;
  /** Query parameters, converted to their declared types, with declared defaults. */
  query: Record<string, unknown>;
  /** The JSON body, already checked against the operation's schema ({} when none was sent). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The full request URL, for `Link` headers. */
  requestUrl: URL;
  /** The repository in the path if the token can see it; throws GitHub's 404 otherwise. */
  repository(): RepositoryRecord;
  /** Throws GitHub's 403 when the token may not write to the repository (or it is archived). */
  requireWrite(repo: RepositoryRecord): void;
  /** The issue in the path; throws GitHub's 404 when there is none. */
  issue(repo: RepositoryRecord): IssueRecord;
  /** Whether the token can see a repository (search only looks there). */
  canSee(repo: RepositoryRecord): boolean;
  /** Sends the webhooks for what the call changed. */
  announce(changes: IssueChange[]): void;
  /** Notes something a test should hear about (an unsupported search qualifier, ...). */
  problem(message: string): void;
}

export interface OperationAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type OperationHandler = (ctx: OperationContext) => OperationAnswer;

export type OperationTable = Record<string, OperationHandler>;
