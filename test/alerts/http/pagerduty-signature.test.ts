import { pagerDutySignatureMatches } from '../../../src/alerts/http/pagerduty-signature';

/**
 * A known HMAC-SHA256 vector, computed outside this code (the example on Wikipedia's HMAC page):
 * key "key", message "The quick brown fox jumps over the lazy dog".
 */
const SECRET = 'key';
const BODY = Buffer.from('The quick brown fox jumps over the lazy dog');
const SIGNATURE = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';
/** Some other secret's signature, as sent alongside while a secret rotates. */
const OTHER = '130dcacb53a94d983a37cf2acba98e805a1c37185309ba56fdcccbcf00d6dd8b';

describe('pagerDutySignatureMatches', () => {
  it('accepts the v1 signature of the raw body', () => {
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}`, BODY, SECRET)).toBe(true);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE.toUpperCase()}`, BODY, SECRET)).toBe(true);
  });

  it('accepts a match anywhere in a list of signatures, as sent while a secret rotates', () => {
    expect(pagerDutySignatureMatches(`v1=${OTHER},v1=${SIGNATURE}`, BODY, SECRET)).toBe(true);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}, v1=${OTHER}`, BODY, SECRET)).toBe(true);
  });

  it('refuses another body, another secret, or only other signatures', () => {
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}`, Buffer.from('The quick brown fox jumps over the lazy dog.'), SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}`, BODY, 'other key')).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${OTHER}`, BODY, SECRET)).toBe(false);
  });

  it('refuses signatures of another version or shape, and a missing header', () => {
    expect(pagerDutySignatureMatches(`v2=${SIGNATURE}`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(SIGNATURE, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE.slice(0, 62)}`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}00`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}=`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`V1=${SIGNATURE}`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE.slice(0, 63)}g`, BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches('', BODY, SECRET)).toBe(false);
    expect(pagerDutySignatureMatches(undefined, BODY, SECRET)).toBe(false);
  });

  it('never matches when no secret is configured', () => {
    expect(pagerDutySignatureMatches(`v1=${SIGNATURE}`, BODY, '')).toBe(false);
  });
});
