import { SlackApiError } from '../slack-api-error';
import { fileObject } from '../slack-objects';
import type { FakeFile, SlackObject } from '../types';
import { requireBotMember, requireNotArchived, type MethodTable } from './method-context';

const ALT_TEXT_MAX_LENGTH = 1000;

/**
 * Slack's upload flow: files.getUploadURLExternal hands out an upload URL (served by the fake),
 * the bytes are POSTed there, and files.completeUploadExternal finishes the files and optionally
 * shares them into a conversation as a message from the bot.
 */
export const filesMethods: MethodTable = {
  'files.getUploadURLExternal': (ctx) => {
    const filename = ctx.args.string('filename');
    const length = ctx.args.integer('length', Number.NaN);
    if (!Number.isInteger(length) || length < 0) throw SlackApiError.invalidArguments(['length must be a non-negative integer']);
    const altText = ctx.args.optionalString('alt_txt') ?? ctx.args.optionalString('alt_text');
    if (altText !== undefined && altText.length > ALT_TEXT_MAX_LENGTH) throw new SlackApiError('alt_txt_too_large');
    const file = ctx.ws.createFile(ctx.ws.bot.userId, { name: filename, content: Buffer.alloc(0), declaredLength: length });
    if (altText !== undefined) file.alt_txt = altText;
    const snippetType = ctx.args.optionalString('snippet_type');
    if (snippetType !== undefined) file.snippet_type = snippetType;
    return { upload_url: `${ctx.baseUrl}/upload/${file.id}`, file_id: file.id };
  },

  'files.completeUploadExternal': (ctx) => {
    const requested = ctx.args.value('files');
    if (!Array.isArray(requested) || requested.length === 0) {
      throw SlackApiError.invalidArguments(['files must be a non-empty JSON array of {"id", "title"}']);
    }
    const files: Array<{ file: FakeFile; title?: string }> = requested.map((entry: unknown) => {
      const { id, title } = (entry ?? {}) as SlackObject;
      const file = typeof id === 'string' ? ctx.ws.files.get(id) : undefined;
      // Uploaded bytes are required, and a file can be completed once.
      if (!file || !file.uploaded || file.completed || file.user !== ctx.ws.bot.userId) throw new SlackApiError('file_not_found');
      return { file, ...(typeof title === 'string' && title !== '' ? { title } : {}) };
    });

    const channelIds = ctx.args.has('channel_id') ? [ctx.args.string('channel_id')] : ctx.args.list('channels');
    const channels = channelIds.map((ref) => {
      const channel = ctx.ws.resolveChannel(ref);
      if (!channel) throw new SlackApiError('channel_not_found');
      requireNotArchived(channel);
      requireBotMember(ctx, channel);
      return channel;
    });
    const threadTs = ctx.args.optionalString('thread_ts');
    if (threadTs !== undefined && channels.length !== 1) throw new SlackApiError('invalid_channel');
    const initialComment = ctx.args.optionalString('initial_comment');

    for (const { file, title } of files) {
      if (title !== undefined) file.title = title;
      file.completed = true;
      if (initialComment !== undefined) file.initial_comment = initialComment;
      if (threadTs !== undefined) file.thread_ts = threadTs;
    }
    for (const channel of channels) {
      for (const { file } of files) file.channels.push(channel.id);
      ctx.ws.appendMessage(channel.id, {
        ...ctx.ws.botFields(),
        text: initialComment ?? '',
        files: files.map(({ file }) => ctx.ws.fileSummary(file)),
        upload: true,
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      });
    }
    return { files: files.map(({ file }) => fileObject(file)) };
  },
};
