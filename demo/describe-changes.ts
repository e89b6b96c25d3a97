import type { FakeEphemeral, FakeMessage, FakeView } from '../tools/fake-slack';
import { type Reader, clockTime, readableMrkdwn, zoneAbbreviation } from './readable-mrkdwn';
import { renderBlocks } from './render-blocks';
import type { ConversationState, SlackSnapshot } from './slack-snapshot';

/** How to name people and channels, and in which zone each person reads times. */
export interface Audience {
  botUserId: string;
  userName(id: string): string;
  channelName(id: string): string;
  zoneOf(userId: string): string;
}

const GUTTER = '      │ ';
const tsDate = (ts: string) => new Date(Math.floor(Number(ts) * 1000));

/** Lines that appear only in `after` (+) or only in `before` (−), keeping their order. */
function changedLines(before: string[], after: string[]): string[] {
  const remaining = [...before];
  const added: string[] = [];
  for (const line of after) {
    const index = remaining.indexOf(line);
    if (index >= 0) remaining.splice(index, 1);
    else added.push(line);
  }
  return [...remaining.map((l) => `− ${l}`), ...added.map((l) => `+ ${l}`)];
}

const contentOf = (m: { text?: string; blocks?: unknown; attachments?: unknown }) => JSON.stringify([m.text, m.blocks, m.attachments]);
const viewContentOf = (v: FakeView) => JSON.stringify([v.title, v.blocks, v.submit, v.close]);
const reactionPairs = (m: FakeMessage | undefined) => (m?.reactions ?? []).flatMap((r) => r.users.map((u) => `${r.name} ${u}`));

/** Something that happened in a conversation, placed by the message it concerns. */
interface Happening {
  at: number;
  /** Lines to print; `seen` holds bodies already printed in this step, to print a repeat once. */
  lines(seen: Map<string, string>): string[];
}

/**
 * What changed between two snapshots of the fake Slack, as the lines each person would notice:
 * new channels, messages posted, edited, updated or deleted, reactions and pins, ephemeral
 * messages, and modals opened, changed or closed.
 */
export function describeChanges(before: SlackSnapshot, after: SlackSnapshot, audience: Audience, now: Date): string[] {
  const groups = [...after.conversations.values()]
    .map((conversation) => conversationChanges(before.conversations.get(conversation.id), conversation, audience, now))
    .filter((group) => group.happenings.length > 0 || group.created)
    .sort((a, b) => a.firstAt - b.firstAt);
  const seen = new Map<string, string>();
  const lines: string[] = [];
  for (const group of groups) {
    lines.push(group.heading);
    for (const happening of group.happenings) lines.push(...happening.lines(seen));
  }
  for (const [user, ephemerals] of after.ephemerals) {
    lines.push(...ephemeralChanges(before.ephemerals.get(user) ?? [], ephemerals, user, audience));
  }
  for (const [user, stack] of after.views) {
    lines.push(...viewChanges(before.views.get(user) ?? [], stack, user, audience));
  }
  return lines;
}

/** A body printed once per step; the same body again (one message posted to two channels) is named, not repeated. */
function once(seen: Map<string, string>, body: string[], where: string): string[] {
  const key = body.join('\n');
  const first = seen.get(key);
  if (first !== undefined) return [`${GUTTER}(the same as in ${first} above)`];
  seen.set(key, where);
  return body.map((l) => GUTTER + l);
}

function conversationChanges(before: ConversationState | undefined, after: ConversationState, audience: Audience, now: Date) {
  const dmWith = after.dmWith;
  const reader: Reader = { ...audience, timeZone: dmWith ? audience.zoneOf(dmWith) : 'UTC' };
  const where = dmWith ? `the DM with ${audience.userName(dmWith)}` : `#${after.name}`;
  // A DM is read in its reader's zone, on a day that may not be the story's.
  const time = (date: Date) =>
    dmWith
      ? `${clockTime(date, reader.timeZone, 'EEE HH:mm')} ${zoneAbbreviation(date, reader.timeZone)} (${clockTime(date, 'UTC')} UTC)`
      : clockTime(date, 'UTC');
  const indent = ' '.repeat(4 + time(now).length + 2);
  const author = (m: FakeMessage) => (m.bot_id ? audience.userName(audience.botUserId) : audience.userName(m.user ?? ''));
  const render = (m: FakeMessage) => {
    const text = m.bot_id ? renderBlocks(m, reader) : readableMrkdwn(m.text, reader).split('\n');
    if (!m.files?.length) return text;
    // A file shared with no comment comes as a message with empty text.
    return [...text.filter((l) => l !== ''), ...m.files.map((f) => `📎 ${f.title ?? f.name} (${f.filetype ?? 'file'})`)];
  };

  const happenings: Happening[] = [];
  const add = (ts: string, lines: Happening['lines']) => happenings.push({ at: Number(ts), lines });
  const previous = new Map((before?.messages ?? []).map((m) => [m.ts, m]));
  const current = new Set(after.messages.map((m) => m.ts));
  for (const message of after.messages) {
    const old = previous.get(message.ts);
    const posted = time(tsDate(message.ts));
    const thread = message.thread_ts && message.thread_ts !== message.ts ? '↳ in thread: ' : '';
    if (!old) {
      if (message.subtype && message.subtype !== 'bot_message' && message.subtype !== 'thread_broadcast') {
        add(message.ts, () => [`    ${posted}  · ${readableMrkdwn(message.text, reader)}`]);
      } else if (message.bot_id) {
        add(message.ts, (seen) => [`    ${posted}  ${thread}${author(message)}:`, ...once(seen, render(message), where)]);
      } else {
        add(message.ts, () => [`    ${posted}  ${thread}${author(message)}: ${render(message).join(`\n${GUTTER}`)}`]);
      }
    } else if (contentOf(old) !== contentOf(message)) {
      const changes = message.bot_id ? changedLines(render(old), render(message)) : render(message);
      if (changes.length > 0) {
        const verb = message.bot_id ? 'updated its message' : 'edited their message';
        add(message.ts, (seen) => [`    ${time(now)}  ${author(message)} ${verb} from ${posted}:`, ...once(seen, changes, where)]);
      }
    }
    // Reactions and pins carry no time of their own in Slack's data: they are listed under the message.
    const whose = `${author(message)}'s message from ${posted}`;
    const whoseFor = (user: string) => (user === message.user ? `their own message from ${posted}` : whose);
    const oldReactions = new Set(reactionPairs(old));
    const newReactions = new Set(reactionPairs(message));
    for (const pair of newReactions) {
      if (oldReactions.has(pair)) continue;
      const [name, user] = pair.split(' ') as [string, string];
      add(message.ts, () => [`${indent}${audience.userName(user)} reacted :${name}: to ${whoseFor(user)}`]);
    }
    for (const pair of oldReactions) {
      if (newReactions.has(pair)) continue;
      const [name, user] = pair.split(' ') as [string, string];
      add(message.ts, () => [`${indent}${audience.userName(user)} removed :${name}: from ${whoseFor(user)}`]);
    }
    const wasPinned = before?.pins.includes(message.ts) ?? false;
    const isPinned = after.pins.includes(message.ts);
    if (isPinned !== wasPinned) add(message.ts, () => [`${indent}📌 ${isPinned ? 'pinned to the channel' : 'unpinned'}: ${whose}`]);
  }
  for (const old of before?.messages ?? []) {
    if (!current.has(old.ts)) add(old.ts, () => [`    ${time(now)}  ${author(old)}'s message from ${time(tsDate(old.ts))} was deleted`]);
  }
  // Stable sort: what happened to one message stays together, in the order found.
  happenings.sort((a, b) => a.at - b.at);
  const created = !before && !dmWith;
  const heading = created
    ? `  ✚ #${after.name} created (${after.isPrivate ? 'private' : 'public'} channel)`
    : dmWith
      ? `  ✉ DM between ${audience.userName(audience.botUserId)} and ${audience.userName(dmWith)} (times in ${reader.timeZone})`
      : `  #${after.name}`;
  return { heading, created, firstAt: happenings[0]?.at ?? Number.POSITIVE_INFINITY, happenings };
}

function ephemeralChanges(before: FakeEphemeral[], after: FakeEphemeral[], user: string, audience: Audience): string[] {
  const reader: Reader = { ...audience, timeZone: audience.zoneOf(user) };
  const lines: string[] = [];
  after.forEach((ephemeral, i) => {
    const old = before[i];
    if (old && contentOf(old) === contentOf(ephemeral)) return;
    const at = tsDate(ephemeral.ts);
    lines.push(
      `  👁 only ${audience.userName(user)} sees, in #${audience.channelName(ephemeral.channel)} at ${clockTime(at, reader.timeZone)} ${zoneAbbreviation(at, reader.timeZone)}${old ? ' (replacing the previous one)' : ''}:`,
      ...renderBlocks(ephemeral, reader).map((l) => GUTTER + l),
    );
  });
  return lines;
}

function viewChanges(before: FakeView[], after: FakeView[], user: string, audience: Audience): string[] {
  const reader: Reader = { ...audience, timeZone: audience.zoneOf(user) };
  const name = audience.userName(user);
  const title = (v: FakeView) => `“${v.title?.text ?? v.callback_id}”`;
  const render = (v: FakeView) => {
    const footer = [v.close?.text, v.submit?.text].filter(Boolean).map((t) => `[${t}]`).join(' ');
    return [...renderBlocks(v, reader), ...(footer ? [footer] : [])];
  };
  const lines: string[] = [];
  const stillOpen = new Set(after.map((v) => v.id));
  for (const view of before) if (!stillOpen.has(view.id)) lines.push(`  ▢ ${name}'s modal ${title(view)} closes`);
  const previous = new Map(before.map((v) => [v.id, v]));
  for (const view of after) {
    const old = previous.get(view.id);
    if (!old) {
      lines.push(`  ▢ ${name} sees a modal ${title(view)}${view.previous_view_id ? ', on top of the previous one' : ''}:`, ...render(view).map((l) => GUTTER + l));
    } else if (viewContentOf(old) !== viewContentOf(view)) {
      if (old.callback_id === view.callback_id) {
        const changes = changedLines(render(old), render(view));
        if (changes.length > 0) lines.push(`  ▢ ${name}'s modal ${title(view)} changes:`, ...changes.map((l) => GUTTER + l));
      } else {
        lines.push(`  ▢ ${name}'s modal now shows ${title(view)}:`, ...render(view).map((l) => GUTTER + l));
      }
    }
  }
  return lines;
}
