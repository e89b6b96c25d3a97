/** The statuses people set, in the order an incident usually moves through them. */
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type SettableStatus = (typeof STATUSES)[number];
/** The open statuses: what `/incident status` moves between without resolving. */
export type OpenStatus = Exclude<SettableStatus, 'resolved'>;
/** Publishing the post-mortem closes the incident's life; only the bot sets that. */
export type Status = SettableStatus | 'postmortem_published';

export const STATUS_LABELS: Record<Status, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem_published: 'Post-mortem published',
};

export const STATUS_MEANINGS: Record<SettableStatus, string> = {
  investigating: 'We know something is wrong and are finding out what',
  identified: 'We know the cause and are working on a fix',
  monitoring: 'A fix is in place and we are watching it hold',
  resolved: 'Customer impact is over',
};

export function parseStatus(input: string): SettableStatus | undefined {
  const value = input.trim().toLowerCase();
  return STATUSES.find((status) => status === value);
}

/** Whether a stored or typed value is one of the statuses this version knows. */
export function isStatus(value: string): value is Status {
  return Object.hasOwn(STATUS_LABELS, value);
}

/** Resolved, with or without its post-mortem published: changes need a reopen first. */
export function isClosed(status: Status): boolean {
  return status === 'resolved' || status === 'postmortem_published';
}
