import type { WebClient } from '@slack/web-api';
import type { ActionItem } from '../../action-items/action-item';
import type { ReminderMessage, ReminderPort } from '../../action-items/reminder-port';
import type { Incident } from '../../incidents/incident';
import { requireReady } from '../../incidents/require-ready';
import { type ItemIssueButton, actionItemMessage, itemSummary } from '../blocks/action-item-message';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { requiredField } from '../web-api/required-field';
import { slackCall } from '../web-api/slack-call';
import { reachPerson } from '../web-api/reach-person';
import type { DmChannels } from '../web-api/dm-channels';
import type { UserDirectory } from '../web-api/user-directory';

/** The metadata event that marks a reminder DM, so a send interrupted by a crash can be found. */
export const REMINDER_EVENT = 'action_item_reminder';

const OWNER_GONE = "the action item's owner cannot receive messages.";

/** Reminders' view of Slack: the owner's zone, their DM, and the commander. */
export class SlackReminderPort implements ReminderPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
    private readonly dms: DmChannels,
    /** With `TRACKER_CREATE=button`, open items without an issue carry a button to file one. */
    private readonly issueButton?: ItemIssueButton,
  ) {}

  timeZoneOf(userId: string): Promise<string | null> {
    return this.people.timeZoneOf(userId);
  }

  dmChannelOf(userId: string): Promise<string> {
    return this.dms.open(this.client, userId, OWNER_GONE);
  }

  async remindOwner(item: ActionItem, incident: Incident, { kind, key, snooze }: ReminderMessage, dmChannel: string): Promise<string> {
    const posted = await this.reachOwner(() =>
      this.client.chat.postMessage({
        channel: dmChannel,
        ...actionItemMessage(item, incident, kind, undefined, snooze, this.issueButton),
        metadata: { event_type: REMINDER_EVENT, event_payload: { key } },
      }),
    );
    return requiredField(posted.ts, 'chat.postMessage', 'ts');
  }

  /** Slack's ways of saying the person is gone, as the one thing reminders need to know. */
  private reachOwner<T>(call: () => Promise<T>): Promise<T> {
    return reachPerson(call, OWNER_GONE);
  }

  sentReminder(dmChannel: string, key: string, since: Date): Promise<string | undefined> {
    return findMarkedMessage(this.client, dmChannel, REMINDER_EVENT, (payload) => payload.key === key, since);
  }

  async tellCommander(item: ActionItem, incident: Incident, why: 'overdue' | 'owner_unreachable'): Promise<void> {
    const lead =
      why === 'overdue'
        ? `:warning: An action item from your incident is overdue and still open (owner <@${item.ownerId}>):`
        : `:warning: <@${item.ownerId}> cannot receive reminders (their account is gone or deactivated). Reassign this action item from \`/incident postmortem\`:`;
    const commander = incident.commanderId;
    // Nobody has taken command yet: the owner's reminders go on; there is no one else to tell.
    if (!commander) return;
    await slackCall(() => this.client.chat.postMessage({ channel: commander, text: `${lead}\n${itemSummary(item, incident)}` }));
  }

  async noteDone(item: ActionItem, incident: Incident): Promise<void> {
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: requireReady(incident).channelId,
        text: `:white_check_mark: <@${item.statusChangedBy}> marked an action item done: *${escapeAndTruncate(item.description, 500)}*`,
      }),
    );
  }

  async tellPreviousOwner(item: ActionItem, incident: Incident, previousOwnerId: string): Promise<void> {
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: previousOwnerId,
        text: `:arrows_counterclockwise: This action item is now <@${item.ownerId}>'s; you will get no more reminders for it.\n${itemSummary(item, incident)}`,
      }),
    );
  }
}
