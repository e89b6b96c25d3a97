import { explainStartupFailure } from '../../src/startup-failure';
import { FakeGitHub } from '../../tools/fake-trackers/github';
import { FakeJira } from '../../tools/fake-trackers/jira';
import { startTestBot } from '../../tools/harness/test-bot';

const TOKEN = 'ghp_startupCheckToken000000000000001';
const WHERE = { slackApiUrl: 'http://127.0.0.1/api/', port: 0, database: 'test' };

/** What a person starting the bot reads: one line naming the variable and what to fix, never the secret. */
async function startupLine(env: NodeJS.ProcessEnv): Promise<string> {
  const failure = await startTestBot({ env }).then(
    async (t) => {
      await t.stop();
      throw new Error('the bot started');
    },
    (error: unknown) => error,
  );
  return explainStartupFailure(failure, WHERE);
}

describe('the tracker, checked at start-up', () => {
  let github: FakeGitHub;
  let jira: FakeJira;
  beforeAll(async () => {
    github = await FakeGitHub.start({
      users: [{ login: 'incident-bot' }],
      repositories: [{ fullName: 'acme/ops', collaborators: ['incident-bot'] }],
      tokens: [{ token: TOKEN, login: 'incident-bot', repositories: ['acme/ops'] }],
    });
    jira = await FakeJira.start();
  });
  afterAll(async () => {
    await github.stop();
    await jira.stop();
  });

  const gitHubEnv = (overrides: NodeJS.ProcessEnv) => ({ TRACKER: 'github', GITHUB_TOKEN: TOKEN, GITHUB_REPO: 'acme/ops', GITHUB_API_URL: github.url, ...overrides });
  const jiraEnv = (overrides: NodeJS.ProcessEnv) => ({
    TRACKER: 'jira',
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: jira.account.email,
    JIRA_API_TOKEN: jira.account.apiToken,
    JIRA_PROJECT_KEY: 'OPS',
    ...overrides,
  });

  it('stops with one line when GitHub refuses the token, without the token', async () => {
    const line = await startupLine(gitHubEnv({ GITHUB_TOKEN: 'ghp_wrongToken0000000000000000000000' }));
    expect(line).toMatch(/^TRACKER: .*GITHUB_TOKEN/);
    expect(line).not.toContain('ghp_wrongToken');
    expect(line).not.toContain('\n');
  });

  it('stops with one line when the repository does not exist', async () => {
    const line = await startupLine(gitHubEnv({ GITHUB_REPO: 'acme/missing' }));
    expect(line).toMatch(/^TRACKER: .*acme\/missing/);
    expect(line).not.toContain('\n');
  });

  it('stops with one line when Jira refuses the credentials, or the project or issue type is unknown', async () => {
    expect(await startupLine(jiraEnv({ JIRA_API_TOKEN: 'not-the-token-000' }))).toMatch(/^TRACKER: .*JIRA_EMAIL\/JIRA_API_TOKEN/);
    expect(await startupLine(jiraEnv({ JIRA_PROJECT_KEY: 'NOPE' }))).toMatch(/^TRACKER: .*NOPE/);
    const issueType = await startupLine(jiraEnv({ JIRA_ISSUE_TYPE: 'Epic Saga' }));
    expect(issueType).toMatch(/^TRACKER: .*Epic Saga/);
    expect(issueType).not.toContain('\n');
  });

  it('names every missing variable of the chosen tracker at once', async () => {
    const failure = await startTestBot({ env: { TRACKER: 'jira', JIRA_BASE_URL: jira.url } }).then(
      () => new Error('the bot started'),
      (error: Error) => error,
    );
    expect(failure.message).toContain('JIRA_EMAIL: required when TRACKER=jira');
    expect(failure.message).toContain('JIRA_API_TOKEN: required when TRACKER=jira');
    expect(failure.message).toContain('JIRA_PROJECT_KEY: required when TRACKER=jira');
  });
});
