import type { WebClient } from '@slack/web-api';
import type { ActionItem } from '../../action-items/action-item';
import type { MessageLocation } from '../../action-items/item-messages';
import type { AskedPerson, ShownAnswer, VerificationPort } from '../../action-items/verification-port';
import type { Incident } from '../../incidents/incident';
import { requireReady } from '../../incidents/require-ready';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { mention } from '../../mrkdwn/mention';
import { verificationAnswered, verificationQuestion } from '../blocks/verification-question';
import { findMarkedMessage } from '../web-api/find-marked-message';
import type { DmChannels } from '../web-api/dm-channels';
import { reachPerson } from '../web-api/reach-person';
import { requiredField } from '../web-api/required-field';
import { slackCall } from '../web-api/slack-call';
import type { UserDirectory } from '../web-api/user-directory';

/** The metadata event that marks a question DM, so an ask interrupted by a crash can be found. */
export const VERIFICATION_EVENT = 'action_item_verification';

const GONE = 'that person cannot receive messages.';

/** The check that done items work, as Slack shows it: question DMs, their answers, and a line in the incident channel. */
export class SlackVerificationPort implements VerificationPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
    private readonly dms: DmChannels,
  ) {}

  timeZoneOf(userId: string): Promise<string | null> {
    return this.people.timeZoneOf(userId);
  }

  dmChannelOf(userId: string): Promise<string> {
    return this.dms.open(this.client, userId, GONE);
  }

  async ask(person: AskedPerson, item: ActionItem, incident: Incident, key: string): Promise<string> {
    // The item is as it was before this ask: asked so many times so far.
    const ask = (item.verification?.asks ?? 0) + 1;
    const posted = await reachPerson(
      () =>
        this.client.chat.postMessage({
          channel: person.dmChannel,
          ...verificationQuestion(item, incident, person.role, ask),
          metadata: { event_type: VERIFICATION_EVENT, event_payload: { key } },
        }),
      GONE,
    );
    return requiredField(posted.ts, 'chat.postMessage', 'ts');
  }

  sentBefore(dmChannel: string, key: string, since: Date): Promise<string | undefined> {
    return findMarkedMessage(this.client, dmChannel, VERIFICATION_EVENT, (payload) => payload.key === key, since);
  }

  /** Each DM is edited on its own: one that cannot be (deleted, say) does not keep the others as they were. */
  async showAnswered(messages: readonly MessageLocation[], item: ActionItem, incident: Incident, answer: ShownAnswer, by: string): Promise<void> {
    const message = verificationAnswered(item, incident, answer, by);
    const results = await Promise.allSettled(messages.map(({ channel, ts }) => slackCall(() => this.client.chat.update({ channel, ts, ...message }))));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async noteNotEffective(item: ActionItem, incident: Incident, by: string): Promise<void> {
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: requireReady(incident).channelId,
        text: `:leftwards_arrow_with_hook: ${mention(by)} found a done action item is not effective; it is open again, due *${item.dueDate}*: *${escapeAndTruncate(item.description, 500)}*`,
      }),
    );
  }
}
