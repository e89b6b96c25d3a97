import { redactUrl } from '../../src/git/redact-url';

describe('redactUrl', () => {
  it.each([
    ['https://bot:ghp_abc123@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['http://user:p%40ss@127.0.0.1:8080/repo.git', 'http://127.0.0.1:8080/repo.git'],
    ['https://user:p@ss@gitlab.example.com/g/r.git', 'https://gitlab.example.com/g/r.git'],
    ['https://ghp_tokenAsUser@github.com/o/r.git', 'https://github.com/o/r.git'],
    ['ssh://git:secret@host.example/r.git', 'ssh://host.example/r.git'],
    ['ssh://git@github.com/o/r.git', 'ssh://git@github.com/o/r.git'],
    ['git@github.com:o/r.git', 'git@github.com:o/r.git'],
    ['file:///srv/git/r.git', 'file:///srv/git/r.git'],
    ['https://github.com/o/r.git', 'https://github.com/o/r.git'],
  ])('%s → %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('cleans every URL in a longer text and leaves the rest alone', () => {
    const text = "fatal: unable to access 'https://bot:tok@host.example/r.git/': 403; see https://host.example/help, mail ops@example.com";
    expect(redactUrl(text)).toBe("fatal: unable to access 'https://host.example/r.git/': 403; see https://host.example/help, mail ops@example.com");
  });

  it('does not reach past a URL’s authority for an @ later in the text', () => {
    expect(redactUrl('https://host.example/path/@user and http://a:b@c.example')).toBe('https://host.example/path/@user and http://c.example');
  });
});
