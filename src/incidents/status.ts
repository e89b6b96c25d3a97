/** The incident's life, in the order an incident usually moves through it. */
export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const STATUS_MEANINGS: Record<Status, string> = {
  investigating: 'We know something is wrong and are finding out what',
  identified: 'We know the cause and are working on a fix',
  monitoring: 'A fix is in place and we are watching it hold',
  resolved: 'Customer impact is over',
};

export function parseStatus(input: string): Status | undefined {
  const value = input.trim().toLowerCase();
  return (STATUSES as readonly string[]).includes(value) ? (value as Status) : undefined;
}
