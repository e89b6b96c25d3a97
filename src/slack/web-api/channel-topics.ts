import { RecentPromises } from './recent-promises';

/** Beyond this many channels remembered, the longest unused are dropped (their topic is set again). */
const TOPICS_KEPT = 1_000;

/**
 * The topic this process last set in each channel, so that setting the same text again (a change
 * that leaves severity, status and title as they were) is skipped: conversations.setTopic has
 * one of Slack's smallest budgets, and Slack posts "set the channel topic" in the channel each
 * time. A set still under way is shared by those asking for the same text; a failed one is
 * forgotten, so the next change sets it. A restart forgets too, and the topic is then set once
 * more, which is harmless.
 */
export class ChannelTopics {
  private readonly topics = new RecentPromises<void, string>(TOPICS_KEPT);

  constructor(
    /**
     * Whether this process's memory can be believed: while another process of the bot runs, it
     * may have set a different topic since (and a change may be setting this one back).
     */
    private readonly alone: () => boolean = () => true,
  ) {}

  /** Sets `topic` in the channel with `set`, unless it is what this process set there last. */
  set(channelId: string, topic: string, set: () => Promise<void>): Promise<void> {
    if (!this.alone()) {
      this.topics.clear();
      return set();
    }
    return this.topics.get(channelId, topic, (known) => known === topic, set);
  }
}
