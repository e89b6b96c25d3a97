/**
 * Slack's Web API rate limits, per method and per workspace, as Slack documents them for each
 * method (`rate_limits` in the method reference). An app installed in one workspace (which a
 * self-hosted bot is) gets the documented minimum of each tier.
 */
export type SlackTier = 't1' | 't2' | 't3' | 't4' | 'special';

/** Calls a minute each tier allows at least ("Tier 3: 50+ per minute"). */
export const TIER_PER_MINUTE: Record<Exclude<SlackTier, 'special'>, number> = { t1: 1, t2: 20, t3: 50, t4: 100 };

/** The tier of every method the bot calls (the method reference's `rate_limits`; `t5` is "special"). */
export const METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'apps.connections.open': 't1',
  'auth.test': 'special',
  'bookmarks.add': 't2',
  'bookmarks.edit': 't2',
  'bookmarks.list': 't3',
  'bookmarks.remove': 't2',
  'chat.delete': 't3',
  'chat.getPermalink': 'special',
  'chat.postEphemeral': 't4',
  'chat.postMessage': 'special',
  'chat.scheduleMessage': 't3',
  'chat.update': 't3',
  'conversations.archive': 't2',
  'conversations.create': 't2',
  'conversations.history': 't3',
  'conversations.info': 't3',
  'conversations.invite': 't3',
  'conversations.join': 't3',
  'conversations.list': 't2',
  'conversations.members': 't4',
  'conversations.open': 't3',
  'conversations.rename': 't2',
  'conversations.replies': 't3',
  'conversations.setPurpose': 't2',
  'conversations.setTopic': 't2',
  'files.completeUploadExternal': 't4',
  'files.getUploadURLExternal': 't4',
  'files.info': 't4',
  'pins.add': 't2',
  'pins.list': 't2',
  'pins.remove': 't2',
  'reactions.add': 't3',
  'reactions.get': 't3',
  'reactions.remove': 't2',
  'team.info': 't3',
  'usergroups.users.list': 't2',
  'users.info': 't4',
  'users.list': 't2',
  'users.lookupByEmail': 't3',
  'views.open': 't4',
  'views.publish': 't4',
  'views.push': 't4',
  'views.update': 't4',
};

/** A method's budget: `perMinute` calls a minute, up to `burst` at once after a quiet spell. */
export interface SlackBudget {
  perMinute: number;
  burst: number;
  /** chat.postMessage: the budget is per channel (about one message a second), not per workspace. */
  perChannel: boolean;
}

/**
 * What the bot allows itself: each tier's documented minimum, and a burst small enough that
 * Slack's own (larger, undocumented) burst allowance is never the thing that saves it.
 * Slack lets an app post about one message a second in a channel; "special" methods without a
 * channel (auth.test, chat.getPermalink) allow far more than the bot ever calls.
 */
export function budgetOf(method: string): SlackBudget {
  if (method === 'chat.postMessage') return { perMinute: 60, burst: 1, perChannel: true };
  const tier = METHOD_TIERS[method] ?? 't3';
  if (tier === 'special') return { perMinute: 600, burst: 20, perChannel: false };
  const perMinute = TIER_PER_MINUTE[tier];
  return { perMinute, burst: Math.max(1, Math.floor(perMinute / 15)), perChannel: false };
}
