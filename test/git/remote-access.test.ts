import { gitEnvironment } from '../../src/git/git-environment';
import { remoteAccess, scrubSecrets } from '../../src/git/remote-access';

describe('remoteAccess', () => {
  it('moves http(s) credentials into a Basic header for that host alone', () => {
    const access = remoteAccess('https://bot:p%40ss-w0rd@git.example.com:8443/team/pm.git', undefined, {});

    expect(access.url).toBe('https://git.example.com:8443/team/pm.git');
    expect(access.config).toEqual([
      ['credential.helper', ''],
      ['http.https://git.example.com:8443/.extraHeader', `Authorization: Basic ${Buffer.from('bot:p@ss-w0rd').toString('base64')}`],
    ]);
    expect(access.secrets).toEqual(expect.arrayContaining(['p@ss-w0rd', 'p%40ss-w0rd', Buffer.from('bot:p@ss-w0rd').toString('base64')]));
  });

  it('takes a lone user name as the token', () => {
    const access = remoteAccess('https://ghp_tokenOnly@github.com/o/r.git', undefined, {});

    expect(access.url).toBe('https://github.com/o/r.git');
    expect(access.config[1]?.[1]).toBe(`Authorization: Basic ${Buffer.from('ghp_tokenOnly:').toString('base64')}`);
    expect(scrubSecrets('said ghp_tokenOnly', access.secrets)).toBe('said ***');
  });

  it('leaves a URL without credentials, and the host’s credential helpers, alone', () => {
    expect(remoteAccess('https://github.com/o/r.git', undefined, {})).toEqual({ url: 'https://github.com/o/r.git', config: [], env: {}, secrets: [] });
  });

  it('gives ssh the configured key alone, and never lets it ask a question', () => {
    const access = remoteAccess('ssh://git@github.com/o/r.git', "/data/keys/deploy key's", {});

    expect(access.url).toBe('ssh://git@github.com/o/r.git');
    expect(access.env.GIT_SSH_COMMAND).toBe(
      "ssh -i '/data/keys/deploy key'\\''s' -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o ConnectTimeout=20",
    );
  });

  it('reads scp-like addresses as ssh, and keeps an operator’s own ssh command when no key is configured', () => {
    expect(remoteAccess('git@github.com:o/r.git', '/k', {}).env.GIT_SSH_COMMAND).toMatch(/^ssh -i '\/k'/);
    expect(remoteAccess('git@github.com:o/r.git', undefined, {}).env.GIT_SSH_COMMAND).toBe('ssh -o BatchMode=yes -o ConnectTimeout=20');
    expect(remoteAccess('git@github.com:o/r.git', undefined, { GIT_SSH_COMMAND: 'ssh -F /etc/bot-ssh' }).env).toEqual({});
    expect(remoteAccess('/srv/git/r.git', '/k', {}).env).toEqual({});
  });
});

describe('gitEnvironment', () => {
  it('never prompts, stops at the working copy, and drops inherited repository and config variables', () => {
    const access = remoteAccess('https://bot:tok-123456@git.example.com/r.git', undefined, {});
    const env = gitEnvironment(
      access,
      { ceiling: '/data', identity: { name: 'Bot', email: 'bot@example.test' } },
      { PATH: '/usr/bin', GIT_DIR: '/elsewhere/.git', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'x.y', LANG: 'de_DE.UTF-8', GIT_TRACE_CURL: '1' },
    );

    expect(env).toMatchObject({ PATH: '/usr/bin', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_CEILING_DIRECTORIES: '/data', GIT_AUTHOR_NAME: 'Bot' });
    expect(env).not.toHaveProperty('GIT_DIR');
    expect(env).not.toHaveProperty('LANG');
    expect(env).not.toHaveProperty('GIT_TRACE_CURL');
    const settings = Array.from({ length: Number(env.GIT_CONFIG_COUNT) }, (_, i) => `${env[`GIT_CONFIG_KEY_${i}`]}=${env[`GIT_CONFIG_VALUE_${i}`]}`);
    expect(settings).toEqual(expect.arrayContaining(['core.hooksPath=/dev/null', 'commit.gpgSign=false', 'credential.helper=']));
    expect(settings).not.toContain('x.y=undefined');
  });
});
