import { webLinkFor } from '../../src/git/web-link-for';

describe('webLinkFor', () => {
  it.each([
    ['https://github.com/acme/postmortems.git', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['https://bot:ghp_secret@github.com/acme/postmortems.git', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['https://github.com/acme/postmortems', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['ssh://git@github.com/acme/postmortems.git', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['ssh://git@ssh.github.com:443/acme/postmortems.git', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['git@github.com:acme/postmortems.git', 'https://github.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['https://github.example.com/acme/postmortems.git', 'https://github.example.com/acme/postmortems/blob/main/incidents/2024-db.md'],
    ['https://gitlab.com/acme/sre/postmortems.git', 'https://gitlab.com/acme/sre/postmortems/-/blob/main/incidents/2024-db.md'],
    ['git@gitlab.com:acme/postmortems.git', 'https://gitlab.com/acme/postmortems/-/blob/main/incidents/2024-db.md'],
    ['https://oauth2:glpat-x@gitlab.example.com:8443/acme/postmortems.git', 'https://gitlab.example.com:8443/acme/postmortems/-/blob/main/incidents/2024-db.md'],
    ['https://codeberg.org/acme/postmortems.git', 'https://codeberg.org/acme/postmortems/src/branch/main/incidents/2024-db.md'],
    ['http://gitea.internal/acme/postmortems.git', 'http://gitea.internal/acme/postmortems/src/branch/main/incidents/2024-db.md'],
    ['ssh://git@gitea.internal:2222/acme/postmortems.git', 'https://gitea.internal/acme/postmortems/src/branch/main/incidents/2024-db.md'],
  ])('%s', (url, expected) => {
    expect(webLinkFor(url, 'main', 'incidents/2024-db.md')).toBe(expected);
  });

  it.each([
    ['a file:// remote', 'file:///srv/git/postmortems.git'],
    ['a local path', '/srv/git/postmortems.git'],
    ['an unknown host', 'https://git.example.com/acme/postmortems.git'],
    ['a GitHub URL without a repository', 'https://github.com/acme'],
    ['a GitHub URL with extra segments', 'https://github.com/acme/postmortems/tree/main'],
  ])('gives no link for %s', (_what, url) => {
    expect(webLinkFor(url, 'main', 'a.md')).toBeNull();
  });

  it('escapes what a URL cannot hold and keeps a branch’s slashes', () => {
    expect(webLinkFor('https://github.com/acme/pm.git', 'team/ops', '/incidents/2024 db #1.md')).toBe(
      'https://github.com/acme/pm/blob/team/ops/incidents/2024%20db%20%231.md',
    );
  });

  it('never carries credentials into the link', () => {
    const link = webLinkFor('https://bot:ghp_secret@github.com/acme/pm.git', 'main', 'a.md') ?? '';
    expect(link).not.toMatch(/bot|ghp_secret|@/);
  });
});
