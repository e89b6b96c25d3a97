import type { Clock } from '../../src/clock';
import type { FakeMessage, FakeView } from '../fake-slack';
import { requestsFinished } from './completion';
import { type DeclareAnswers, commandOpeningModal, declareThroughSlack, topModal } from './incident-steps';
import { publishThroughSlack } from './postmortem-steps';
import { type TestBot, startTestBot } from './test-bot';
import { buttonsOf, visibleText } from './visible-text';
import { waitFor } from './wait-for';

/**
 * Steps shared by the end-to-end tests of action items filed in an issue tracker (GitHub or
 * Jira): starting the bot against a fake tracker, publishing an incident with items, reading
 * what the bot stored and what people were told, and waiting until an item's issue is in step.
 */

/** `yyyy-MM-dd`, `days` from today (UTC): due dates must not be in the past. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A fake tracker as the bot's start-up needs it: it delivers its webhooks, signed, to a URL. */
export interface WebhookSender {
  subscribe(url: string, secret?: string): unknown;
}

/** A fake tracker as waiting needs it: its webhooks in flight can be waited on. */
export interface WebhookDeliverer {
  webhooksDelivered(): Promise<unknown>;
}

export interface TrackerBotOptions {
  /** Which tracker the bot files in: also the route (`/trackers/<tracker>`) the fake delivers to. */
  tracker: 'github' | 'jira';
  /** The tracker's own settings (token, URL, webhook secret, ...); `TRACKER` is set from `tracker`. */
  env: NodeJS.ProcessEnv;
  /** The secret the fake signs its deliveries with. */
  webhookSecret: string;
  clock?: Clock;
  /** How often the poll for changes a webhook missed runs: hourly, so never in a test, unless given. */
  pollEveryMs?: number;
}

/**
 * Starts the bot filing in a fake tracker, and has the fake deliver its webhooks to the bot.
 * Issues are synced every 50 ms, and the reminders job, which sends the assignment DM, runs as
 * often.
 */
export async function startTrackerBot(fake: WebhookSender, options: TrackerBotOptions): Promise<TestBot> {
  const t = await startTestBot({
    clock: options.clock,
    env: { TRACKER: options.tracker, ...options.env },
    jobs: { syncIssuesEveryMs: 50, trackerPollEveryMs: options.pollEveryMs ?? 3_600_000, remindersEveryMs: 50 },
  });
  fake.subscribe(`http://127.0.0.1:${t.bot.port}/trackers/${options.tracker}`, options.webhookSecret);
  return t;
}

/** Stops the bot, then the fake tracker; either may be missing when the set-up failed half way. */
export async function stopTrackerBot(t: TestBot | undefined, fake: { stop(): Promise<void> } | undefined): Promise<void> {
  await t?.stop();
  await fake?.stop();
}

/** The rows the bot stores for an action item and for its issue in the tracker. */
export interface TrackerRows {
  /** The item's row in `action_items`; throws when there is none. */
  item(id: string): ReturnType<typeof itemRow>;
  /** The row in `tracker_issues` of the item's issue; throws when there is none yet. */
  issue(id: string): ReturnType<typeof issueRow>;
}

function itemRow(t: TestBot, id: string) {
  return t.bot.database.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function issueRow(t: TestBot, id: string) {
  return t.bot.database.db.selectFrom('tracker_issues').selectAll().where('item_id', '=', id).executeTakeFirstOrThrow();
}

/** Reads an item's stored rows as they are at the time of the call (after a restart too). */
export function trackerRows(t: TestBot): TrackerRows {
  return { item: (id) => itemRow(t, id), issue: (id) => issueRow(t, id) };
}

/**
 * The item's issue matches it and nobody is syncing it: every change asked for was sent. Exact,
 * not a guess: the row records the version synced and releases its lease in one write, after the
 * last call to the tracker has answered (and so after the tracker registered the webhooks it
 * caused); then those webhooks are waited on until the bot has answered them.
 */
export async function issueInStep(t: TestBot, id: string, fake: WebhookDeliverer): Promise<void> {
  await waitFor(async () => {
    const row = await issueRow(t, id).catch(() => undefined);
    return row?.issue_key && row.synced_version >= row.wanted_version && row.lease_until === null ? true : undefined;
  });
  await fake.webhooksDelivered();
}

/** The DMs the bot sent `user` whose visible text includes `fragment`. */
export function dmsContaining(t: TestBot, user: string, fragment: string): FakeMessage[] {
  return t.slack.dm(user).filter((m) => visibleText(m).includes(fragment));
}

/** The item's own DM to its owner once it was sent, as it is now (the bot edits it in place). */
export async function itemDm(t: TestBot, owner: string, description: string): Promise<FakeMessage> {
  const [first] = await waitFor(() => (dmsContaining(t, owner, description).length ? dmsContaining(t, owner, description) : undefined));
  return t.slack.message(first!.channel, first!.ts)!;
}

/**
 * What a channel was told about an item: the Slack "done" line and the tracker's lines, not the
 * post-mortem itself.
 */
export function itemLines(t: TestBot, channel: string, description: string): FakeMessage[] {
  return t.slack.botMessages(channel).filter((m) => m.text.includes(description) && /marked an action item done|An action item was/.test(m.text));
}

/** `user` clicks the button labelled `text` on the message as it is now; resolves with the bot's answer. */
export async function clickButton(t: TestBot, user: string, message: FakeMessage, text: string) {
  const button = buttonsOf(t.slack.message(message.channel, message.ts)).find((b) => b.text === text);
  if (!button) throw new Error(`no "${text}" button on the message`);
  return t.driver.blockAction({ user, actionId: button.actionId, container: { type: 'message', channel: message.channel, ts: message.ts } });
}

export interface NewItem {
  description: string;
  /** The owner's Slack user id. */
  owner: string;
  /** `yyyy-MM-dd`; a month from today unless given. */
  due?: string;
  /** The item's type: `detect` unless given. */
  type?: string;
}

/** `user` runs `/incident action add` in the incident channel and fills the form; resolves with the stored item's id. */
export async function addActionItem(t: TestBot, user: string, channel: string, item: NewItem): Promise<string> {
  const modal = await commandOpeningModal(t, user, channel, 'action add');
  const fields = { ai_description: item.description, ai_owner: item.owner, ai_due: item.due ?? dayFromNow(30), ai_type: item.type ?? 'detect' };
  await t.driver.submitView({ user, viewId: modal.id, fields });
  const row = await waitFor(() => t.bot.database.db.selectFrom('action_items').select('id').where('description', '=', item.description).executeTakeFirst());
  return row.id;
}

export interface IncidentWithItems extends DeclareAnswers {
  title: string;
  items: NewItem[];
  /** The summary `/incident resolve` is given. */
  resolution?: string;
}

/**
 * `user` declares an incident from `channel`, adds its items one by one, resolves it and
 * publishes its post-mortem. Resolves once the post-mortem is published: whether and when the
 * items' issues are filed is the test's to wait for.
 */
export async function publishIncidentWithItems(
  t: TestBot,
  user: string,
  channel: string,
  incident: IncidentWithItems,
): Promise<{ channel: string; incidentId: string; ids: string[] }> {
  const { items, resolution = 'Rolled back the config push', ...answers } = incident;
  const declared = await declareThroughSlack(t, user, channel, answers);
  const incidentChannel = declared.channel.id;
  const ids: string[] = [];
  for (const item of items) ids.push(await addActionItem(t, user, incidentChannel, item));
  await t.driver.command({ user, channel: incidentChannel, text: `resolve ${resolution}` });
  await requestsFinished(t);
  await publishThroughSlack(t, user, incidentChannel);
  return { channel: incidentChannel, incidentId: declared.row.id, ids };
}

/**
 * `user` opens the post-mortem form in the incident channel and chooses "Edit" on the item; resolves
 * with the form and the item's edit modal on top of it, for the test to fill and submit.
 */
export async function openItemEditor(t: TestBot, user: string, channel: string, id: string): Promise<{ form: FakeView; edit: FakeView }> {
  const form = await commandOpeningModal(t, user, channel, 'postmortem');
  await t.driver.blockAction({ user, actionId: 'postmortem_action_item_menu', blockId: `item:${id}`, selectedOption: `edit:${id}`, container: { type: 'view', viewId: form.id } });
  const edit = await topModal(t, user, form.id);
  return { form, edit };
}
