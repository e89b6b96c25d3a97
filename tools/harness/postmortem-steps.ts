import { commandOpeningModal } from './incident-steps';
import type { TestBot } from './test-bot';
import { visibleText } from './visible-text';
import { waitFor } from './wait-for';

/** A post-mortem the blameless review has nothing to say about: it publishes on the first review. */
export const PUBLISHABLE_CONTENT: Record<string, string> = {
  pm_summary: 'A config push disabled the payment retries. Checkout failed for 42 minutes.',
  pm_impact: '18% of checkouts failed between 14:02 and 14:44 UTC.',
  pm_cause_avoid: 'Config pushes skip the canary stage\nThe retry flag had no validation',
  pm_cause_detect: 'No alert on payment error rate',
  pm_cause_fix_faster: 'The rollback runbook was out of date',
  pm_went_well: 'Support noticed within minutes',
  pm_tags: 'payments, config',
};

/**
 * A person runs `/incident postmortem` in the incident channel, writes it, saves and reviews it,
 * and publishes. Resolves once the form says where it was published.
 */
export async function publishThroughSlack(
  t: TestBot,
  user: string,
  channel: string,
  fields: Record<string, string> = PUBLISHABLE_CONTENT,
  /** How long publishing may take (with Slack's own rate limits, a second a message per channel). */
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const form = await commandOpeningModal(t, user, channel, 'postmortem');
  await t.driver.submitView({ user, viewId: form.id, fields });
  await waitFor(() => (t.slack.view(form.id)?.callback_id === 'postmortem_review' ? true : undefined));
  await t.driver.submitView({ user, viewId: form.id });
  await waitFor(() => (visibleText(t.slack.view(form.id)).includes('Published in') ? true : undefined), { timeoutMs: options.timeoutMs });
  t.slack.closeView(user, form.id);
}
