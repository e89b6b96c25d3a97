import type { FakeEphemeral, FakeMessage, FakeSlack, FakeView } from '../tools/fake-slack';

export interface ConversationState {
  id: string;
  name: string;
  /** For the bot's DM with a person: that person. */
  dmWith?: string;
  isPrivate: boolean;
  /** Messages, replies included, oldest first. */
  messages: FakeMessage[];
  /** Timestamps of pinned messages. */
  pins: string[];
}

/** Everything a person could see in the fake Slack at one moment, copied. */
export interface SlackSnapshot {
  conversations: Map<string, ConversationState>;
  /** Each person's ephemeral messages, oldest first. */
  ephemerals: Map<string, FakeEphemeral[]>;
  /** Each person's modal stack, bottom first. */
  views: Map<string, FakeView[]>;
}

function conversationMessages(slack: FakeSlack, channelId: string): FakeMessage[] {
  return slack.messages(channelId).flatMap((message) => [message, ...(message.reply_count ? slack.replies(channelId, message.ts) : [])]);
}

export function takeSnapshot(slack: FakeSlack): SlackSnapshot {
  const conversations = new Map<string, ConversationState>();
  const people = slack.users().filter((u) => !u.is_bot && u.id !== 'USLACKBOT');
  for (const channel of slack.channels()) {
    conversations.set(channel.id, {
      id: channel.id,
      name: channel.name,
      isPrivate: channel.is_private,
      messages: conversationMessages(slack, channel.id),
      pins: slack.pins(channel.id).map((p) => p.ts),
    });
  }
  for (const person of people) {
    const im = slack.imChannel(person.id);
    if (!im) continue;
    conversations.set(im.id, { id: im.id, name: im.name, dmWith: person.id, isPrivate: true, messages: conversationMessages(slack, im.id), pins: [] });
  }
  return structuredClone({
    conversations,
    ephemerals: new Map(people.map((p) => [p.id, slack.ephemerals(p.id)])),
    views: new Map(people.map((p) => [p.id, slack.views(p.id)])),
  });
}
