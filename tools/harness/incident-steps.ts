import { CallbackId } from '../../src/slack/ids';
import type { FakeChannel, FakeView } from '../fake-slack';
import type { TestBot } from './test-bot';
import { waitFor } from './wait-for';

/**
 * The modal on top of a person's stack once there is one other than `previous`, with its content:
 * a form that takes gathering opens as a placeholder first (callback `loading`), replaced in place.
 */
export function topModal(t: TestBot, user: string, previous?: string): Promise<FakeView> {
  return waitFor(() => {
    const stack = t.slack.views(user);
    const top = stack[stack.length - 1];
    return top && top.id !== previous && top.callback_id !== CallbackId.loading ? top : undefined;
  });
}

/** Runs a command that opens a modal, and returns the modal once it is on screen. */
export async function commandOpeningModal(t: TestBot, user: string, channel: string, text: string): Promise<FakeView> {
  const before = t.slack.views(user).at(-1)?.id;
  await t.driver.command({ user, channel, text });
  return topModal(t, user, before);
}

export interface DeclareAnswers {
  title?: string;
  severity?: string;
  description?: string;
  responders?: string[];
  private?: boolean;
  impactStartedAt?: Date;
}

/**
 * A person runs `/incident declare <title>`, fills the form and submits it. Returns the HTTP
 * answer to the submission and the modal's id.
 */
export async function submitDeclareForm(t: TestBot, user: string, channel: string, commandTitle: string, answers: DeclareAnswers) {
  const modal = await commandOpeningModal(t, user, channel, `declare ${commandTitle}`.trim());
  const fields: Record<string, string | number | string[] | null> = {};
  if (answers.title !== undefined) fields.title = answers.title;
  if (answers.severity) fields.severity = answers.severity;
  if (answers.description) fields.description = answers.description;
  if (answers.responders) fields.responders = answers.responders;
  if (answers.private) fields.private = ['private'];
  if (answers.impactStartedAt) fields.impact_started_at = Math.floor(answers.impactStartedAt.getTime() / 1000);
  const response = await t.driver.submitView({ user, viewId: modal.id, fields });
  return { response, viewId: modal.id };
}

/** Declares through the form and waits until set-up is complete. Returns the stored row and the channel. */
export async function declareThroughSlack(t: TestBot, user: string, channel: string, answers: DeclareAnswers & { title: string }) {
  const { viewId } = await submitDeclareForm(t, user, channel, answers.title, { severity: 'SEV2', ...answers });
  const row = await waitFor(() =>
    t.bot.database.db
      .selectFrom('incidents')
      .selectAll()
      .where('request_key', '=', viewId)
      .where('setup_completed_at', 'is not', null)
      .executeTakeFirst(),
  );
  // The form then shows the result: wait for it, so that a modal opened next is not replaced by it.
  await waitFor(() => t.slack.callsTo('views.update').some((call) => call.args.view_id === viewId));
  const incidentChannel = t.slack.channel(row.channel_id as string) as FakeChannel;
  return { viewId, row, channel: incidentChannel };
}

/**
 * A view submission signed as Slack signs it but from someone who never had the view open (a
 * replayed or crafted payload): the bot must check who may do what itself.
 */
export function submitAs(t: TestBot, user: string, view: Record<string, unknown>) {
  const payload = {
    type: 'view_submission',
    team: { id: t.slack.teamId, domain: t.slack.teamDomain },
    user: { id: user, username: user, name: user, team_id: t.slack.teamId },
    api_app_id: t.slack.bot.appId,
    token: 'legacy',
    trigger_id: '1.2.3',
    view: { type: 'modal', team_id: t.slack.teamId, hash: '1.a', app_id: t.slack.bot.appId, bot_id: t.slack.bot.botId, ...view },
    response_urls: [],
  };
  return t.driver.signedPost(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}
