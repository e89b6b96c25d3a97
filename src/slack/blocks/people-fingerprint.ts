import { createHash } from 'node:crypto';

/**
 * A short, order-free digest of a list of people: kept in a form's metadata to tell, when the form
 * comes back, whether the list shown was left as it was (Slack sends a picker's initial people
 * back as if chosen), without the whole list counting against the metadata's 3000 characters.
 */
export function peopleFingerprint(userIds: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(userIds)].sort().join(','))
    .digest('base64url')
    .slice(0, 16);
}
