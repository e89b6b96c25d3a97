/**
 * Every name Slack sends back to us: commands, callback ids, action ids, block ids.
 * Kept in one place so a rename in a view cannot silently orphan its listener.
 */
export const COMMAND = '/incident';

export const ActionId = {
  /** Buttons whose only job is to open a URL still send an action, which must be acknowledged. */
  openLink: 'open_link',
} as const;
