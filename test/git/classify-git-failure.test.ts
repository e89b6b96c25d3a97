import { classifyGitFailure, failureLine } from '../../src/git/classify-git-failure';

/** What git 2.39 and the usual hosts print, and the code each should become. */
describe('classifyGitFailure', () => {
  it.each([
    ["fatal: unable to access 'https://h/r.git/': Could not resolve host: h", 'read', 'unreachable'],
    ["fatal: unable to access 'http://127.0.0.1:9/r.git/': Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server", 'read', 'unreachable'],
    ['ssh: connect to host h port 22: Connection timed out\nfatal: Could not read from remote repository.', 'read', 'unreachable'],
    ["fatal: unable to access 'https://h/r.git/': SSL certificate problem: self-signed certificate", 'read', 'unreachable'],
    ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'read', 'auth'],
    ["remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://gitlab.com/g/r.git/'", 'read', 'auth'],
    ['git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'read', 'auth'],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'read', 'auth'],
    ["fatal: unable to access 'https://h/r.git/': The requested URL returned error: 403", 'read', 'auth'],
    ["fatal: '/srv/r.git' does not appear to be a git repository", 'read', 'not_found'],
    ["remote: Repository not found.\nfatal: repository 'https://github.com/o/r.git/' not found", 'read', 'not_found'],
    ["fatal: unable to access 'https://h/r.git/': The requested URL returned error: 403", 'push', 'not_writable'],
    ["remote: Permission to o/r.git denied to bot.\nfatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 403", 'push', 'not_writable'],
    ['ERROR: The key you are authenticating with has been marked as read only.\nfatal: Could not read from remote repository.', 'push', 'not_writable'],
    ['remote: error: GH006: Protected branch update failed for refs/heads/main.\n!\tHEAD:refs/heads/main\t[remote rejected] (protected branch hook declined)', 'push', 'rejected'],
    ['!\tabc:refs/heads/main\t[remote rejected] (pre-receive hook declined)', 'push', 'rejected'],
    ['fatal: index file smaller than expected', 'local', 'corrupt'],
    ['fatal: bad object HEAD', 'local', 'corrupt'],
    ['fatal: could not write index: No space left on device', 'local', 'failed'],
    ['something nobody has seen before', 'read', 'failed'],
  ] as const)('%s (%s) → %s', (output, step, code) => {
    expect(classifyGitFailure(output, step)).toBe(code);
  });
});

describe('failureLine', () => {
  it('picks the fatal line and drops its prefix and the boilerplate around it', () => {
    const output = [
      "fatal: '/srv/r.git' does not appear to be a git repository",
      'fatal: Could not read from remote repository.',
      '',
      'Please make sure you have the correct access rights',
      'and the repository exists.',
    ].join('\n');
    expect(failureLine(output)).toBe("'/srv/r.git' does not appear to be a git repository");
  });

  it('gives a rejected ref with what the remote said about it', () => {
    const output = 'remote: publishing is paused\nTo file:///srv/r.git\n!\tabc:refs/heads/main\t[remote rejected] (pre-receive hook declined)\nDone\nerror: failed to push some refs to \'file:///srv/r.git\'';
    expect(failureLine(output)).toBe('[remote rejected] (pre-receive hook declined): publishing is paused');
  });

  it('keeps to one bounded line', () => {
    const line = failureLine(`fatal: ${'x'.repeat(1000)}\r\nsecond line`);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line.length).toBeLessThanOrEqual(300);
  });
});
