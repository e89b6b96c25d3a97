import { httpUrl } from '../../../src/alerts/sources/http-url';

describe('httpUrl', () => {
  it('keeps absolute http(s) URLs, as parsed', () => {
    expect(httpUrl('https://grafana.example.com/d/abc?from=now-1h')).toBe('https://grafana.example.com/d/abc?from=now-1h');
    expect(httpUrl(' HTTP://Example.com/a b ')).toBe('http://example.com/a%20b');
  });

  it('drops every other scheme, relative links and non-strings', () => {
    for (const value of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:oncall@example.com',
      'slack://open',
      'ftp://example.com/file',
      '/runbooks/disk',
      'example.com/runbook',
      '',
      42,
      null,
      undefined,
    ]) {
      expect([value, httpUrl(value)]).toEqual([value, undefined]);
    }
  });

  it('drops a URL too long to keep whole rather than cutting it', () => {
    expect(httpUrl(`https://example.com/${'a'.repeat(2100)}`)).toBeUndefined();
  });
});
