import type { FakeChannel, FakeFile, FakeMessage, FakeUser, SlackObject } from './types';

/**
 * Serialisers from the fake's records to the JSON Slack returns. Everything handed out is a deep
 * copy, so an app that mutates a response cannot reach into the fake's state.
 */

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function conversationObject(
  channel: FakeChannel,
  viewerId: string,
  options: { numMembers?: boolean } = {},
): SlackObject {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_mpim,
    is_group: channel.is_private && !channel.is_mpim,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    created: channel.created,
    creator: channel.creator,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: false,
    is_member: channel.members.includes(viewerId),
    topic: clone(channel.topic),
    purpose: clone(channel.purpose),
    previous_names: [...channel.previous_names],
    ...(options.numMembers ? { num_members: channel.members.length } : {}),
  };
}

/** A message as conversations.history and friends return it: without the fake's `channel` field. */
export function messageObject(message: FakeMessage): SlackObject {
  const { channel: _channel, ...rest } = clone(message);
  return rest;
}

export function userObject(user: FakeUser): SlackObject {
  return clone(user);
}

export function fileObject(file: FakeFile): SlackObject {
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype.toUpperCase(),
    user: file.user,
    size: file.size,
    mode: 'hosted',
    is_external: false,
    is_public: file.channels.length > 0,
    url_private: file.url_private,
    url_private_download: `${file.url_private}?download=1`,
    permalink: file.permalink,
    channels: [...file.channels],
    ...(file.alt_txt !== undefined ? { alt_txt: file.alt_txt } : {}),
  };
}
