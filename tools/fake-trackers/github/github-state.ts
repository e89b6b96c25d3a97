/**
 * What the fake GitHub holds: people, repositories, their labels, issues and comments. Records are
 * the fake's own shapes (camelCase, logins rather than objects); github-objects.ts turns them into
 * GitHub's JSON. Names are kept as given and looked up case-insensitively, as GitHub does.
 */

export type UserType = 'User' | 'Bot' | 'Organization';

export interface UserRecord {
  id: number;
  login: string;
  type: UserType;
  /** Display name, or null when the person set none. */
  name: string | null;
  /** The public email on the profile (GitHub shows it to anyone), or null. */
  email: string | null;
  /**
   * An address only the fake knows (GitHub never shows it through the API); tests use it to stand
   * for "the address this person signs in to Slack with".
   */
  privateEmail: string | null;
  createdAt: Date;
}

export interface LabelRecord {
  id: number;
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string | null;
  default: boolean;
}

export interface CommentRecord {
  id: number;
  body: string;
  author: string;
  createdAt: Date;
  updatedAt: Date;
}

export type IssueState = 'open' | 'closed';
export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened';

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  stateReason: StateReason | null;
  /** Label names, in the order they were added. */
  labels: string[];
  /** Assignee logins, in the order they were assigned. */
  assignees: string[];
  author: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  comments: CommentRecord[];
}

export interface RepositoryRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  /** With issues turned off, creating one answers 410 Gone. */
  hasIssues: boolean;
  /** An archived repository is read-only: writes answer 403. */
  archived: boolean;
  /** Who can be assigned (lower-case logins); undefined means every known person. */
  collaborators?: Set<string>;
  labels: Map<string, LabelRecord>;
  issues: Map<number, IssueRecord>;
  /** Issues and pull requests share one sequence of numbers per repository. */
  nextNumber: number;
  createdAt: Date;
}

export interface AddUserOptions {
  login: string;
  name?: string | null;
  /** Public profile email. */
  email?: string | null;
  /** Private email known only to the fake. */
  privateEmail?: string | null;
  type?: UserType;
}

export interface AddRepositoryOptions {
  /** `owner/name`. */
  fullName: string;
  private?: boolean;
  hasIssues?: boolean;
  archived?: boolean;
  /** Logins that can be assigned; by default everyone the fake knows (but organisations). */
  collaborators?: string[];
  /** Labels that exist before any issue uses them. */
  labels?: { name: string; color?: string; description?: string | null }[];
}

/** The colour GitHub gives a label it creates because an issue used a name it did not know. */
export const AUTO_LABEL_COLOR = 'ededed';

const key = (name: string) => name.toLowerCase();

/** Where each kind of id starts, so ids of different kinds never look alike in a failing test. */
const FIRST_ID = { user: 1_000_001, repository: 700_000_001, issue: 2_100_000_001, label: 5_000_000_001, comment: 1_900_000_001 };

export class GitHubState {
  private readonly users = new Map<string, UserRecord>();
  private readonly repositories = new Map<string, RepositoryRecord>();
  private readonly nextId = { ...FIRST_ID };

  constructor(readonly now: () => Date) {}

  newId(kind: keyof typeof FIRST_ID): number {
    const id = this.nextId[kind];
    this.nextId[kind] += 1;
    return id;
  }

  addUser(options: AddUserOptions): UserRecord {
    if (this.users.has(key(options.login))) throw new Error(`there is already a GitHub user ${options.login}`);
    const user: UserRecord = {
      id: this.newId('user'),
      login: options.login,
      type: options.type ?? 'User',
      name: options.name ?? null,
      email: options.email ?? null,
      privateEmail: options.privateEmail ?? null,
      createdAt: this.now(),
    };
    this.users.set(key(user.login), user);
    return user;
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(key(login));
  }

  requireUser(login: string): UserRecord {
    const user = this.user(login);
    if (!user) throw new Error(`the fake GitHub has no user ${login}`);
    return user;
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  addRepository(options: AddRepositoryOptions): RepositoryRecord {
    const [owner, name, ...rest] = options.fullName.split('/');
    if (!owner || !name || rest.length > 0) throw new Error(`a repository is named owner/name, not ${options.fullName}`);
    if (this.repositories.has(key(options.fullName))) throw new Error(`there is already a repository ${options.fullName}`);
    const ownerRecord = this.user(owner) ?? this.addUser({ login: owner, type: 'Organization' });
    const repo: RepositoryRecord = {
      id: this.newId('repository'),
      owner: ownerRecord.login,
      name,
      fullName: `${ownerRecord.login}/${name}`,
      private: options.private ?? true,
      hasIssues: options.hasIssues ?? true,
      archived: options.archived ?? false,
      ...(options.collaborators ? { collaborators: new Set(options.collaborators.map(key)) } : {}),
      labels: new Map(),
      issues: new Map(),
      nextNumber: 1,
      createdAt: this.now(),
    };
    this.repositories.set(key(repo.fullName), repo);
    for (const label of options.labels ?? []) {
      this.createLabel(repo, label.name, label.color ?? AUTO_LABEL_COLOR, label.description ?? null);
    }
    return repo;
  }

  repository(fullName: string): RepositoryRecord | undefined {
    return this.repositories.get(key(fullName));
  }

  requireRepository(fullName: string): RepositoryRecord {
    const repo = this.repository(fullName);
    if (!repo) throw new Error(`the fake GitHub has no repository ${fullName}`);
    return repo;
  }

  allRepositories(): RepositoryRecord[] {
    return [...this.repositories.values()];
  }

  requireIssue(repo: RepositoryRecord, number: number): IssueRecord {
    const issue = repo.issues.get(number);
    if (!issue) throw new Error(`${repo.fullName} has no issue #${number}`);
    return issue;
  }

  /** A label by name (any case), or undefined. */
  label(repo: RepositoryRecord, name: string): LabelRecord | undefined {
    return repo.labels.get(key(name));
  }

  createLabel(repo: RepositoryRecord, name: string, color = AUTO_LABEL_COLOR, description: string | null = null): LabelRecord {
    const label: LabelRecord = { id: this.newId('label'), name, color, description, default: false };
    repo.labels.set(key(name), label);
    return label;
  }

  /**
   * The labels with these names, creating the ones that do not exist yet, as GitHub does when an
   * issue is given a label name the repository does not have. Returns the stored names (a label
   * keeps the case it was created with).
   */
  ensureLabels(repo: RepositoryRecord, names: string[]): string[] {
    const out: string[] = [];
    for (const name of names) {
      const label = this.label(repo, name) ?? this.createLabel(repo, name);
      if (!out.some((n) => key(n) === key(label.name))) out.push(label.name);
    }
    return out;
  }

  /** Whether issues in the repository can be assigned to this login (GitHub's assignee check). */
  canBeAssigned(repo: RepositoryRecord, login: string): boolean {
    const user = this.user(login);
    if (!user || user.type === 'Organization') return false;
    return repo.collaborators ? repo.collaborators.has(key(login)) || key(login) === key(repo.owner) : true;
  }
}
