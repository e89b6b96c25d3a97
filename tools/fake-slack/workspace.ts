import { randomUUID } from 'node:crypto';
import { channelNameError } from './channel-name';
import { IdFactory, MessageClock, compareTs } from './ids';
import { humanMessageBlocks } from './rich-text';
import { SlackApiError } from './slack-api-error';
import { timeZoneInfo } from './time-zone';
import type {
  BotIdentity,
  FakeChannel,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakePin,
  FakeUser,
  ScheduledMessage,
  SlackObject,
} from './types';

export interface AddUserOptions {
  id?: string;
  name: string;
  realName?: string;
  email?: string;
  /** IANA zone; Slack reports tz, tz_label and tz_offset for it. */
  tz?: string;
  isBot?: boolean;
  deleted?: boolean;
  isAdmin?: boolean;
}

export interface AddChannelOptions {
  id?: string;
  name: string;
  isPrivate?: boolean;
  /** Member ids; include the bot's user id to make the bot a member. */
  members?: string[];
  topic?: string;
  purpose?: string;
  creator?: string;
  isGeneral?: boolean;
  isArchived?: boolean;
}

export interface NewFile {
  name: string;
  title?: string;
  content: string | Buffer;
  filetype?: string;
  mimetype?: string;
}

type MessageFields = Omit<FakeMessage, 'type' | 'channel' | 'ts'>;

export const SLACKBOT_ID = 'USLACKBOT';
const TEXT_LIMIT = 40000;

/**
 * The state of one Slack workspace as people would see it: users, conversations and their
 * messages, reactions, pins, files and ephemeral messages. Both the Web API handlers and the
 * test-facing FakeSlack methods go through these operations, so a test that sets up state "by
 * hand" gets exactly what the API would have produced.
 */
export class Workspace {
  readonly ids = new IdFactory();
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly pins: FakePin[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly scheduled: ScheduledMessage[] = [];
  readonly bookmarks: SlackObject[] = [];
  /**
   * Things Slack would have refused or shown as an error to the person, noticed outside a Web API
   * call (e.g. a malformed view_submission response). Tests can assert it stays empty.
   */
  readonly problems: string[] = [];
  private readonly history = new Map<string, FakeMessage[]>();
  private readonly messageClock: MessageClock;

  constructor(
    readonly teamId: string,
    readonly teamName: string,
    readonly domain: string,
    readonly bot: BotIdentity,
    readonly now: () => number,
    private readonly baseUrl: () => string,
  ) {
    this.messageClock = new MessageClock(now);
    this.addUser({ id: SLACKBOT_ID, name: 'slackbot', realName: 'Slackbot', isBot: false });
    const botUser = this.addUser({ id: bot.userId, name: bot.name, realName: bot.name, isBot: true });
    botUser.profile.bot_id = bot.botId;
    botUser.is_app_user = false;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  nextTs(): string {
    return this.messageClock.nextTs();
  }

  // Users ------------------------------------------------------------------------------------

  addUser(options: AddUserOptions): FakeUser {
    const id = options.id ?? this.ids.next('U');
    if (this.users.has(id)) throw new Error(`User ${id} already exists`);
    const tz = options.tz ?? 'UTC';
    const realName = options.realName ?? options.name;
    const user: FakeUser = {
      id,
      team_id: this.teamId,
      name: options.name,
      real_name: realName,
      deleted: options.deleted ?? false,
      is_bot: options.isBot ?? false,
      is_app_user: false,
      is_admin: options.isAdmin ?? false,
      is_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      tz,
      ...timeZoneInfo(tz, this.now()),
      updated: this.nowSeconds(),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: options.name,
        display_name_normalized: options.name,
        ...(options.isBot ? {} : { email: options.email ?? `${options.name}@example.com` }),
        team: this.teamId,
        image_48: `https://avatars.example.com/${id}_48.png`,
      },
    };
    this.users.set(id, user);
    return user;
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  // Conversations ----------------------------------------------------------------------------

  addChannel(options: AddChannelOptions): FakeChannel {
    const nameError = channelNameError(options.name);
    if (nameError) throw new Error(`Invalid channel name "${options.name}": ${nameError}`);
    if (this.channelByName(options.name)) throw new Error(`Channel name "${options.name}" is taken`);
    for (const member of options.members ?? []) {
      if (!this.users.has(member)) throw new Error(`Unknown member ${member} for #${options.name}`);
    }
    const id = options.id ?? this.ids.next('C');
    const creator = options.creator ?? options.members?.find((m) => m !== this.bot.userId) ?? SLACKBOT_ID;
    const created = this.nowSeconds();
    const channel: FakeChannel = {
      id,
      name: options.name,
      created,
      creator,
      is_private: options.isPrivate ?? false,
      is_im: false,
      is_mpim: false,
      is_general: options.isGeneral ?? false,
      is_archived: options.isArchived ?? false,
      topic: { value: options.topic ?? '', creator: options.topic ? creator : '', last_set: options.topic ? created : 0 },
      purpose: { value: options.purpose ?? '', creator: options.purpose ? creator : '', last_set: options.purpose ? created : 0 },
      previous_names: [],
      members: [...new Set(options.members ?? [])],
    };
    this.channels.set(id, channel);
    this.history.set(id, []);
    return channel;
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  channelByName(name: string): FakeChannel | undefined {
    const bare = name.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.is_im && c.name === bare);
  }

  /**
   * What a `channel` argument points at from the bot's point of view: an id, a `#name`, or a
   * user id (which Slack turns into the DM with that user). Private channels the bot is not in
   * are invisible to it, exactly like channels that do not exist.
   */
  resolveChannel(ref: string, viewerId = this.bot.userId): FakeChannel | undefined {
    let channel: FakeChannel | undefined;
    if (/^[UW][A-Z0-9]+$/.test(ref) && this.users.has(ref)) channel = this.openIm(ref);
    else channel = this.channels.get(ref) ?? (/^[CDG][A-Z0-9]+$/.test(ref) ? undefined : this.channelByName(ref));
    if (!channel) return undefined;
    if ((channel.is_private || channel.is_im || channel.is_mpim) && !channel.members.includes(viewerId)) return undefined;
    return channel;
  }

  /** The bot's DM with a person, created the first time it is needed (like conversations.open). */
  openIm(userId: string): FakeChannel {
    const existing = this.imOf(userId);
    if (existing) return existing;
    const id = this.ids.next('D');
    const channel: FakeChannel = {
      id,
      name: id,
      created: this.nowSeconds(),
      creator: userId,
      is_private: true,
      is_im: true,
      is_mpim: false,
      is_general: false,
      is_archived: false,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
      members: [this.bot.userId, userId],
      user: userId,
    };
    this.channels.set(id, channel);
    this.history.set(id, []);
    return channel;
  }

  imOf(userId: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.is_im && c.user === userId);
  }

  openMpim(userIds: string[]): FakeChannel {
    const members = [...new Set([this.bot.userId, ...userIds])].sort();
    const existing = [...this.channels.values()].find(
      (c) => c.is_mpim && [...c.members].sort().join() === members.join(),
    );
    if (existing) return existing;
    const id = this.ids.next('G');
    const names = members.map((m) => this.users.get(m)?.name ?? m);
    const channel: FakeChannel = {
      id,
      name: `mpdm-${names.join('--')}-1`,
      created: this.nowSeconds(),
      creator: this.bot.userId,
      is_private: true,
      is_im: false,
      is_mpim: true,
      is_general: false,
      is_archived: false,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
      members,
    };
    this.channels.set(id, channel);
    this.history.set(id, []);
    return channel;
  }

  isMember(channel: FakeChannel, userId: string): boolean {
    return channel.members.includes(userId);
  }

  // Messages ---------------------------------------------------------------------------------

  /** Every message in the channel, replies included, oldest first. */
  allMessages(channelId: string): FakeMessage[] {
    return this.history.get(channelId) ?? [];
  }

  /** What the channel shows: top-level messages and broadcast replies, oldest first. */
  topLevel(channelId: string): FakeMessage[] {
    return this.allMessages(channelId).filter(
      (m) => !m.hidden && (m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast'),
    );
  }

  /** A thread: the parent first, then its replies oldest first. Empty when there is no parent. */
  thread(channelId: string, threadTs: string): FakeMessage[] {
    const parent = this.findMessage(channelId, threadTs);
    if (!parent) return [];
    const replies = this.allMessages(channelId).filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
    return [parent, ...replies];
  }

  findMessage(channelId: string, ts: string): FakeMessage | undefined {
    return this.allMessages(channelId).find((m) => m.ts === ts);
  }

  botFields(): Pick<FakeMessage, 'user' | 'bot_id' | 'app_id' | 'team' | 'bot_profile'> {
    return {
      user: this.bot.userId,
      bot_id: this.bot.botId,
      app_id: this.bot.appId,
      team: this.teamId,
      bot_profile: {
        id: this.bot.botId,
        app_id: this.bot.appId,
        name: this.bot.name,
        deleted: false,
        team_id: this.teamId,
      },
    };
  }

  /**
   * Appends a message. A `thread_ts` naming a reply lands in that reply's thread, as in Slack;
   * one naming no message at all still "succeeds" and the reply is invisible, as in Slack.
   */
  appendMessage(channelId: string, fields: MessageFields, options: { replyBroadcast?: boolean } = {}): FakeMessage {
    const list = this.history.get(channelId);
    if (!list) throw new Error(`No channel ${channelId}`);
    const message: FakeMessage = { type: 'message', channel: channelId, ts: this.nextTs(), ...fields };
    if (message.text.length > TEXT_LIMIT) message.text = message.text.slice(0, TEXT_LIMIT);
    if (fields.thread_ts !== undefined) {
      let parent = this.findMessage(channelId, fields.thread_ts);
      if (parent?.thread_ts !== undefined && parent.thread_ts !== parent.ts) {
        parent = this.findMessage(channelId, parent.thread_ts);
      }
      if (parent) {
        message.thread_ts = parent.ts;
        if (parent.user !== undefined) message.parent_user_id = parent.user;
        this.noteReply(parent, message);
      }
      if (options.replyBroadcast) message.subtype = 'thread_broadcast';
    }
    list.push(message);
    return message;
  }

  private noteReply(parent: FakeMessage, reply: FakeMessage): void {
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    const users = parent.reply_users ?? [];
    if (reply.user !== undefined && !users.includes(reply.user)) users.push(reply.user);
    parent.reply_users = users;
    parent.reply_users_count = users.length;
    parent.latest_reply = reply.ts;
  }

  /** A person posting. Throws when the setup is impossible in Slack (unknown user, not a member). */
  postAsUser(userId: string, channelId: string, text: string, options: { threadTs?: string; files?: NewFile[] } = {}): FakeMessage {
    const user = this.users.get(userId);
    if (!user) throw new Error(`Unknown user ${userId}`);
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`Unknown channel ${channelId}`);
    if (!channel.members.includes(userId)) {
      throw new Error(`${userId} is not a member of ${channel.is_im ? channelId : `#${channel.name}`}; add them first`);
    }
    if (channel.is_archived) throw new Error(`#${channel.name} is archived`);
    const files = (options.files ?? []).map((file) => {
      const record = this.createFile(userId, file);
      record.uploaded = true;
      record.completed = true;
      record.channels.push(channelId);
      return record;
    });
    return this.appendMessage(channelId, {
      user: userId,
      text,
      team: this.teamId,
      client_msg_id: randomUUID(),
      blocks: humanMessageBlocks(text),
      ...(options.threadTs !== undefined ? { thread_ts: options.threadTs } : {}),
      ...(files.length > 0 ? { files: files.map((f) => this.fileSummary(f)), upload: true } : {}),
    });
  }

  /** Channel events Slack records as messages with a subtype ("has joined the channel", ...). */
  systemMessage(channelId: string, subtype: string, userId: string, text: string, extra: Partial<FakeMessage> = {}): FakeMessage {
    return this.appendMessage(channelId, { subtype, user: userId, text, ...extra });
  }

  /**
   * Edits in place. With an editor the message is marked edited, as after chat.update or a person
   * editing; a response_url replacement shows no such mark.
   */
  editMessage(message: FakeMessage, changes: Partial<Pick<FakeMessage, 'text' | 'blocks' | 'attachments' | 'metadata'>>, editor?: string): void {
    if (changes.text !== undefined) message.text = changes.text.slice(0, TEXT_LIMIT);
    if (changes.blocks !== undefined) {
      if (changes.blocks.length === 0) delete message.blocks;
      else message.blocks = changes.blocks;
    }
    if (changes.attachments !== undefined) {
      if (changes.attachments.length === 0) delete message.attachments;
      else message.attachments = changes.attachments;
    }
    if (changes.metadata !== undefined) message.metadata = changes.metadata;
    if (editor !== undefined) message.edited = { user: editor, ts: this.nextTs() };
  }

  /**
   * Deletes a message. A parent with replies stays behind as a tombstone so its thread remains
   * reachable, which is what Slack shows ("This message was deleted.").
   */
  deleteMessage(message: FakeMessage): void {
    const list = this.history.get(message.channel);
    if (!list) return;
    const isParent = message.thread_ts === message.ts && (message.reply_count ?? 0) > 0;
    if (isParent) {
      for (const key of ['user', 'bot_id', 'app_id', 'blocks', 'attachments', 'files', 'reactions', 'edited', 'bot_profile'] as const) {
        delete message[key];
      }
      message.subtype = 'tombstone';
      message.text = 'This message was deleted.';
      message.user = SLACKBOT_ID;
      return;
    }
    const index = list.indexOf(message);
    if (index >= 0) list.splice(index, 1);
    for (let i = this.pins.length - 1; i >= 0; i--) {
      const pin = this.pins[i];
      if (pin && pin.channel === message.channel && pin.ts === message.ts) this.pins.splice(i, 1);
    }
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parent = this.findMessage(message.channel, message.thread_ts);
      if (parent) {
        const replies = this.thread(message.channel, parent.ts).slice(1);
        parent.reply_count = replies.length;
        parent.reply_users = [...new Set(replies.map((r) => r.user).filter((u): u is string => u !== undefined))];
        parent.reply_users_count = parent.reply_users.length;
        const latest = replies[replies.length - 1];
        if (latest) parent.latest_reply = latest.ts;
        else {
          delete parent.latest_reply;
          delete parent.reply_count;
          delete parent.reply_users;
          delete parent.reply_users_count;
        }
      }
    }
  }

  // Reactions --------------------------------------------------------------------------------

  addReaction(message: FakeMessage, userId: string, name: string): void {
    const reactions = message.reactions ?? [];
    let reaction = reactions.find((r) => r.name === name);
    if (reaction?.users.includes(userId)) throw new SlackApiError('already_reacted');
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      reactions.push(reaction);
    }
    reaction.users.push(userId);
    reaction.count = reaction.users.length;
    message.reactions = reactions;
  }

  removeReaction(message: FakeMessage, userId: string, name: string): void {
    const reactions = message.reactions ?? [];
    const reaction = reactions.find((r) => r.name === name);
    if (!reaction?.users.includes(userId)) throw new SlackApiError('no_reaction');
    reaction.users = reaction.users.filter((u) => u !== userId);
    reaction.count = reaction.users.length;
    const remaining = reactions.filter((r) => r.count > 0);
    if (remaining.length > 0) message.reactions = remaining;
    else delete message.reactions;
  }

  // Files ------------------------------------------------------------------------------------

  createFile(userId: string, file: NewFile & { declaredLength?: number }): FakeFile {
    const id = this.ids.next('F');
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const filetype = file.filetype ?? guessFiletype(file.name);
    const record: FakeFile = {
      id,
      name: file.name,
      filename: file.name,
      title: file.title ?? file.name,
      filetype,
      mimetype: file.mimetype ?? mimetypeFor(filetype),
      declared_length: file.declaredLength ?? content.length,
      size: content.length,
      content,
      text: content.toString('utf8'),
      user: userId,
      created: this.nowSeconds(),
      uploaded: false,
      completed: false,
      channels: [],
      url_private: `${this.baseUrl()}/files-pri/${this.teamId}-${id}/${encodeURIComponent(file.name)}`,
      permalink: `https://${this.domain}.slack.com/files/${userId}/${id}/${encodeURIComponent(file.name)}`,
    };
    this.files.set(id, record);
    return record;
  }

  setFileContent(file: FakeFile, content: Buffer): void {
    file.content = content;
    file.text = content.toString('utf8');
    file.size = content.length;
    file.uploaded = true;
  }

  /** The short file object Slack puts in a message's `files`. */
  fileSummary(file: FakeFile): SlackObject {
    return {
      id: file.id,
      created: file.created,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: file.filetype,
      user: file.user,
      size: file.size,
      url_private: file.url_private,
      permalink: file.permalink,
    };
  }

  // Helpers ----------------------------------------------------------------------------------

  sortByTs(messages: FakeMessage[]): FakeMessage[] {
    return [...messages].sort((a, b) => compareTs(a.ts, b.ts));
  }

  permalink(channelId: string, message: FakeMessage): string {
    const base = `https://${this.domain}.slack.com/archives/${channelId}/p${message.ts.replace('.', '')}`;
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      return `${base}?thread_ts=${message.thread_ts}&cid=${channelId}`;
    }
    return base;
  }
}

function guessFiletype(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext) return 'binary';
  const known: Record<string, string> = { md: 'markdown', txt: 'text', json: 'json', csv: 'csv', png: 'png', jpg: 'jpg', pdf: 'pdf' };
  return known[ext] ?? ext;
}

function mimetypeFor(filetype: string): string {
  const known: Record<string, string> = {
    markdown: 'text/markdown',
    text: 'text/plain',
    json: 'application/json',
    csv: 'text/csv',
    png: 'image/png',
    jpg: 'image/jpeg',
    pdf: 'application/pdf',
  };
  return known[filetype] ?? 'application/octet-stream';
}
