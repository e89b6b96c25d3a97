/**
 * A URL's authority up to its last `@`: greedy, so a password holding a raw `@` is removed whole,
 * and bounded by `/`, `?`, `#` or white space, so an address later in the text is never reached.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*(?:@[^\s/?#@]*)*)@/gi;

/** Schemes where a user name alone may be the secret (`https://<token>@github.com/…`). */
const USER_IS_SECRET = new Set(['http://', 'https://', 'ftp://', 'ftps://']);

/**
 * Removes `user:password@` from every URL in `text`. For http(s) a lone user name goes too, since
 * hosts accept a token there; for ssh and the like a lone user (`ssh://git@host/…`) is no secret
 * and stays.
 */
export function redactUrl(text: string): string {
  return text.replace(USERINFO, (whole, scheme: string, userinfo: string) => {
    if (USER_IS_SECRET.has(scheme.toLowerCase()) || userinfo.includes(':')) return scheme;
    return whole;
  });
}
