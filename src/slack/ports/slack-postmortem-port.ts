import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { ChannelPacer } from '../web-api/channel-pacer';
import type { Incident, ReadyIncident } from '../../incidents/incident';
import type { DraftState } from '../../postmortems/review-meeting';
import type { ReviewMeeting } from '../../postmortems/review-meeting';
import { facilitatorReminderMessage, meetingMovedNote, reviewInvitationMessage } from '../blocks/review-invitation';
import { findMarkedMessage } from '../web-api/find-marked-message';
import { PartlyShownError, type PostmortemPort, type ShowOptions, type ShownMessage } from '../../postmortems/postmortem-port';
import { postmortemMessages } from '../../render/postmortem-blocks';
import type { PostmortemDocument } from '../../render/postmortem-document';
import { slackDate } from '../../mrkdwn/date-token';
import type { SlackMessage } from '../../render/slack-message';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { requireReady } from '../../incidents/require-ready';
import { findMarkedMessages } from '../web-api/find-marked-message';
import { requiredField } from '../web-api/required-field';
import { uploadFile } from '../web-api/upload-file';
import { slackCall, slackErrorCode, toAppError } from '../web-api/slack-call';
import type { UserDirectory } from '../web-api/user-directory';
import type { DmChannels } from '../web-api/dm-channels';

/** Metadata marking the review meeting's invitation, so one posted but not recorded is found. */
const INVITATION_EVENT = 'review_invitation';
/** Metadata marking the facilitator's reminder, likewise. */
const REVIEW_REMINDER_EVENT = 'review_reminder';

/** Metadata marking each published part, so a part whose posting was not recorded is found. */
const PART_EVENT = 'postmortem_part';

/** A fingerprint of a message as shown, to tell whether an edit would change anything. */
function contentHash(message: SlackMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex');
}

/** Post-mortems' view of Slack: members, names, the published messages and the Markdown file. */
export class SlackPostmortemPort implements PostmortemPort {
  constructor(
    private readonly client: WebClient,
    private readonly people: UserDirectory,
    private readonly pacer: ChannelPacer,
    private readonly dms: DmChannels,
  ) {}

  displayNames(userIds: string[]): Promise<Map<string, string>> {
    return this.people.names(userIds);
  }

  async showPostmortem(channelId: string, doc: PostmortemDocument, existing: ShownMessage[], options: ShowOptions): Promise<ShownMessage[]> {
    const shown: ShownMessage[] = [];
    const messages = postmortemMessages(doc);
    const postmortemId = doc.postmortem.id;
    try {
      // Parts an earlier attempt posted without learning their ts (Slack's answer was lost).
      const known = existing.length >= messages.length ? existing : await this.postedParts(channelId, postmortemId, existing);
      for (const [i, message] of messages.entries()) {
        const part = known[i];
        const hash = contentHash(message);
        if (part && part.contentHash === hash && !options.editUnchanged) {
          shown.push(part);
          continue;
        }
        if (part && (await this.edit(channelId, part.ts, message))) {
          shown.push({ ts: part.ts, contentHash: hash });
        } else {
          await this.pacer.turn(channelId);
          const posted = await slackCall(() =>
            this.client.chat.postMessage({ channel: channelId, ...message, metadata: { event_type: PART_EVENT, event_payload: { postmortem_id: postmortemId, part: i } } }),
          );
          shown.push({ ts: requiredField(posted.ts, 'chat.postMessage', 'message ts'), contentHash: hash });
        }
        await options.afterEach?.();
      }
      for (const { ts } of existing.slice(messages.length)) {
        await slackCall(() => this.client.chat.delete({ channel: channelId, ts }), ['message_not_found']);
      }
    } catch (error) {
      throw new PartlyShownError([...shown, ...existing.slice(shown.length)], toAppError(error));
    }
    return shown;
  }

  private async postedParts(channelId: string, postmortemId: string, existing: ShownMessage[]): Promise<ShownMessage[]> {
    const known = [...existing];
    const marked = await findMarkedMessages(this.client, channelId, PART_EVENT, (payload) => payload.postmortem_id === postmortemId);
    for (const { ts, payload } of marked) {
      const part = Number(payload.part);
      if (Number.isInteger(part) && part >= 0 && !known[part] && !known.some((m) => m?.ts === ts)) known[part] = { ts, contentHash: null };
    }
    return known;
  }

  /** Edits a published part; false when someone deleted it (it is then posted again). */
  private async edit(channelId: string, ts: string, message: SlackMessage): Promise<boolean> {
    try {
      await this.client.chat.update({ channel: channelId, ts, ...message });
      return true;
    } catch (error) {
      if (slackErrorCode(error) === 'message_not_found') return false;
      throw error;
    }
  }

  /** One upload per channel: a file is completed once, into one channel, with the typed API. */
  async shareFile(channelIds: string[], file: { filename: string; title: string; content: string | Uint8Array }): Promise<void> {
    const bytes = Buffer.from(file.content);
    for (const channelId of channelIds) await uploadFile(this.client, { bytes, filename: file.filename, title: file.title }, { channelId });
  }

  async sendFile(userId: string, file: { filename: string; title: string; content: string | Uint8Array; comment: string }): Promise<void> {
    const channelId = await this.dms.open(this.client, userId);
    await uploadFile(this.client, { bytes: Buffer.from(file.content), filename: file.filename, title: file.title }, { channelId, initialComment: file.comment });
  }

  async remindCommander(incident: Incident, dueAt: Date): Promise<void> {
    const commander = incident.commanderId;
    // Nobody took command: the channel's nudge is the reminder.
    if (!commander) return;
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: commander,
        text: `:memo: The post-mortem for *${escapeMrkdwn(incident.title)}* (<#${incident.channelId}>) was due ${slackDate(dueAt)}. Run \`/incident postmortem\` in the incident channel to write and publish it.`,
      }),
    );
  }

  async tellArchiveFailure(userId: string, incident: Incident, reason: string): Promise<void> {
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: userId,
        text: `:warning: The post-mortem for *${escapeMrkdwn(incident.title)}* is published in Slack; writing it to git failed: ${escapeMrkdwn(reason)} The bot will retry on its own; nothing is lost.`,
      }),
    );
  }

  async nudgeChannel(incident: Incident, dueAt: Date): Promise<void> {
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: requireReady(incident).channelId,
        text: `:memo: This incident's post-mortem was due ${slackDate(dueAt)}. Anyone here can help: \`/incident postmortem\`.`,
      }),
    );
  }

  timeZoneOf(userId: string): Promise<string | null> {
    return this.people.timeZoneOf(userId).catch(() => null);
  }

  async postInvitation(incident: ReadyIncident, meeting: ReviewMeeting, state: DraftState, existing: { ts: string; moved: boolean } | null): Promise<string> {
    const message = reviewInvitationMessage(incident, meeting, state);
    const channel = incident.channelId;
    if (existing) {
      await slackCall(() => this.client.chat.update({ channel, ts: existing.ts, ...message }));
      if (existing.moved) {
        await this.pacer.turn(channel);
        await slackCall(() => this.client.chat.postMessage({ channel, thread_ts: existing.ts, reply_broadcast: true, ...meetingMovedNote(meeting) }));
      }
      return existing.ts;
    }
    await this.pacer.turn(channel);
    const posted = await slackCall(() =>
      this.client.chat.postMessage({ channel, ...message, metadata: { event_type: INVITATION_EVENT, event_payload: { incident_id: incident.id } } }),
    );
    return requiredField(posted.ts, 'chat.postMessage', 'ts');
  }

  findInvitation(channelId: string, incidentId: string): Promise<string | undefined> {
    return findMarkedMessage(this.client, channelId, INVITATION_EVENT, (p) => p.incident_id === incidentId);
  }

  async remindFacilitator(userId: string, incident: Incident, meeting: ReviewMeeting, state: DraftState): Promise<void> {
    const dm = await this.dms.open(this.client, userId);
    const key = { incident_id: incident.id, starts_at: meeting.startsAt.toISOString() };
    // A sender that died after posting left it here: it is not sent twice.
    const sent = await findMarkedMessage(this.client, dm, REVIEW_REMINDER_EVENT, (p) => p.incident_id === key.incident_id && p.starts_at === key.starts_at);
    if (sent) return;
    await slackCall(() =>
      this.client.chat.postMessage({
        channel: dm,
        ...facilitatorReminderMessage(incident, meeting, state, userId),
        metadata: { event_type: REVIEW_REMINDER_EVENT, event_payload: key },
      }),
    );
  }
}
