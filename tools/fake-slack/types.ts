/**
 * Shapes of what the fake Slack holds. Field names follow Slack's JSON (snake_case) so the objects
 * can be compared directly with what the Web API returns and what events carry.
 */

/** A Block Kit block or element as JSON; loosely typed so tests can reach into it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SlackObject = { [key: string]: any };

export interface BotIdentity {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  updated: number;
  profile: {
    real_name: string;
    real_name_normalized: string;
    display_name: string;
    display_name_normalized: string;
    email?: string;
    bot_id?: string;
    team: string;
    image_48: string;
  };
}

export interface TextHistory {
  value: string;
  creator: string;
  last_set: number;
}

export interface FakeChannel {
  id: string;
  name: string;
  created: number;
  creator: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_general: boolean;
  is_archived: boolean;
  topic: TextHistory;
  purpose: TextHistory;
  previous_names: string[];
  /** Member user ids, the bot's included when it is a member. */
  members: string[];
  /** For an IM: the person on the other side. */
  user?: string;
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface FakeMessage {
  type: 'message';
  /** Not part of Slack's message object; kept so a message found in a test knows where it lives. */
  channel: string;
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  subtype?: string;
  hidden?: boolean;
  blocks?: SlackObject[];
  attachments?: SlackObject[];
  metadata?: SlackObject;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  reactions?: Reaction[];
  edited?: { user: string; ts: string };
  pinned_to?: string[];
  files?: SlackObject[];
  upload?: boolean;
  client_msg_id?: string;
  bot_profile?: SlackObject;
  /** System messages (channel_join, channel_topic, ...) carry a few extra fields. */
  inviter?: string;
  topic?: string;
  purpose?: string;
  name?: string;
  old_name?: string;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: SlackObject[];
  attachments?: SlackObject[];
  /** The `message_ts` Slack hands back; ephemerals are never stored in channel history. */
  ts: string;
  thread_ts?: string;
  source: 'chat.postEphemeral' | 'response_url' | 'command_response';
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: SlackObject;
  submit?: SlackObject | null;
  close?: SlackObject | null;
  blocks: SlackObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  submit_disabled: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** `view.state.values`: block_id → action_id → the element's current value. */
export type StateValues = Record<string, Record<string, SlackObject>>;

export interface FakeFile {
  id: string;
  /** Slack's field for the file name. */
  name: string;
  /** The same name, as the app gave it to files.getUploadURLExternal. */
  filename: string;
  title: string;
  filetype: string;
  mimetype: string;
  /** The length announced to files.getUploadURLExternal. */
  declared_length: number;
  size: number;
  content: Buffer;
  /** The content decoded as UTF-8, for text files. */
  text: string;
  user: string;
  created: number;
  uploaded: boolean;
  completed: boolean;
  channels: string[];
  initial_comment?: string;
  thread_ts?: string;
  alt_txt?: string;
  snippet_type?: string;
  url_private: string;
  permalink: string;
}

export interface FakePin {
  channel: string;
  ts: string;
  created: number;
  created_by: string;
}

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** Fake clock, ms since epoch, when the call arrived. */
  at: number;
  ok: boolean;
  error?: string;
  /** HTTP status the fake answered with (200 unless a fault said otherwise). */
  status: number;
  /** Answered 429 by the fake's rate limits (an injected `rate_limited` fault leaves this unset). */
  rateLimited?: true;
}

export interface ResponseUrlPost {
  responseUrlId: string;
  body: SlackObject;
  at: number;
  accepted: boolean;
  error?: string;
}

export interface ScheduledMessage {
  id: string;
  channel: string;
  post_at: number;
  text: string;
  blocks?: SlackObject[];
  thread_ts?: string;
  date_created: number;
}

export type Fault =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'http_error'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'error'; error: string }
  /** Slack does the work, but its answer is lost on the way back (a gateway timeout). */
  | { kind: 'answer_lost'; status: number };
