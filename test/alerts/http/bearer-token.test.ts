import { bearerTokenMatches } from '../../../src/alerts/http/bearer-token';

const TOKEN = 's3cret-Token_value.with~chars';

describe('bearerTokenMatches', () => {
  it('accepts the expected token, whatever the scheme’s case', () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`BEARER  ${TOKEN} `, TOKEN)).toBe(true);
  });

  it('refuses another token, a prefix or extension of it, or a different case', () => {
    expect(bearerTokenMatches('Bearer wrong', TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN.toUpperCase()}`, TOKEN)).toBe(false);
  });

  it('refuses a missing header, another scheme, or a malformed one', () => {
    expect(bearerTokenMatches(undefined, TOKEN)).toBe(false);
    expect(bearerTokenMatches('', TOKEN)).toBe(false);
    expect(bearerTokenMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches('Bearer ', TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
  });

  it('never matches when no token is configured', () => {
    expect(bearerTokenMatches('Bearer ', '')).toBe(false);
    expect(bearerTokenMatches('Bearer x', '')).toBe(false);
  });
});
