import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { FakeSlack } from '../tools/fake-slack';
import { type Audience, describeChanges } from './describe-changes';
import { clockTime, zoneAbbreviation } from './readable-mrkdwn';
import { takeSnapshot } from './slack-snapshot';
import { waitUntilQuiet } from './wait-until-quiet';

export interface StepHeading {
  /** What happens, e.g. "Maya runs `/incident status identified`". */
  what: string;
  /** The person acting: the heading shows their local time too. */
  who?: string;
  /** The conversation it happens in. */
  where?: string;
  /** What the person typed or picked, shown under the heading. */
  typed?: Record<string, string>;
}

export interface TranscriptStep {
  at: Date;
  heading: string;
  /** What people saw change, as printed under the heading. */
  lines: string[];
}

/** Names and zones as the fake Slack knows them. */
export function audienceOf(slack: FakeSlack): Audience {
  return {
    botUserId: slack.bot.userId,
    userName: (id) => slack.user(id)?.real_name ?? id,
    channelName: (id) => {
      const channel = slack.channel(id);
      if (!channel) return id;
      return channel.is_im ? `DM with ${slack.user(channel.user ?? '')?.real_name ?? channel.user}` : channel.name;
    },
    zoneOf: (id) => slack.user(id)?.tz ?? 'UTC',
  };
}

/**
 * The story as people see it. Each step snapshots the fake Slack, lets the action happen, waits
 * until the bot has stopped calling Slack, and writes down what changed on everyone's screens.
 */
export class Transcript {
  readonly steps: TranscriptStep[] = [];
  readonly lines: string[] = [];
  private readonly audience: Audience;
  private lastDay = '';

  constructor(
    private readonly slack: FakeSlack,
    private readonly now: () => Date,
    private readonly options: { onLine?: (line: string) => void; signal?: AbortSignal } = {},
  ) {
    this.audience = audienceOf(slack);
  }

  /** A banner between parts of the story. */
  chapter(title: string): void {
    this.emit('', `═══ ${title} ${'═'.repeat(Math.max(3, 96 - title.length))}`);
  }

  /** A line of narration. */
  note(text: string): void {
    this.emit(`   ${text}`);
  }

  async step(heading: StepHeading, action: () => Promise<unknown>): Promise<TranscriptStep> {
    this.options.signal?.throwIfAborted();
    const at = this.now();
    const where = heading.where ? `#${this.audience.channelName(heading.where)} · ` : '';
    let local = '';
    if (heading.who) {
      const zone = this.audience.zoneOf(heading.who);
      local = `   (${clockTime(at, zone)} ${zoneAbbreviation(at, zone)} for ${this.audience.userName(heading.who)})`;
    }
    // The date is shown when the story has moved to another day.
    const day = format(at, 'EEE d MMM', { in: tz('UTC') });
    const date = day === this.lastDay ? '' : `${day}, `;
    this.lastDay = day;
    const title = `── ${date}${clockTime(at, 'UTC')} UTC · ${where}${heading.what}${local}`;
    this.emit('', title);
    for (const [field, value] of Object.entries(heading.typed ?? {})) {
      this.emit(...value.split('\n').map((line, i) => `   ✎ ${i === 0 ? `${field}: ` : ' '.repeat(field.length + 2)}${line}`));
    }

    const before = takeSnapshot(this.slack);
    await action();
    await waitUntilQuiet(this.slack);
    const lines = describeChanges(before, takeSnapshot(this.slack), this.audience, this.now());
    this.emit(...(lines.length ? lines : ['  (nothing anyone can see changes)']));
    const step = { at, heading: title, lines };
    this.steps.push(step);
    return step;
  }

  private emit(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.options.onLine?.(line);
    }
  }
}
