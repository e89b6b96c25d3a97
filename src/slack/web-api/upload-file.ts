import type { WebClient } from '@slack/web-api';
import { requiredField } from './required-field';
import { slackCall, toAppError } from './slack-call';

/** A file to share: its bytes, its name, and words for whoever cannot see it. */
export interface UploadedFile {
  bytes: Buffer;
  filename: string;
  title: string;
  altText?: string;
}

/**
 * Shares a file into one conversation, or one thread of it, with Slack's upload flow: an upload
 * URL, the bytes, then completing the file into the conversation (`initial_comment` is the
 * message that carries it).
 */
export async function uploadFile(
  client: WebClient,
  file: UploadedFile,
  to: { channelId: string; threadTs?: string; initialComment?: string },
): Promise<void> {
  const target = await slackCall(() =>
    client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length, ...(file.altText ? { alt_text: file.altText } : {}) }),
  );
  const uploadUrl = requiredField(target.upload_url, 'files.getUploadURLExternal', 'upload_url');
  const fileId = requiredField(target.file_id, 'files.getUploadURLExternal', 'file_id');
  const response = await fetch(uploadUrl, { method: 'POST', body: file.bytes });
  if (!response.ok) throw toAppError({ code: 'slack_webapi_http_error', statusCode: response.status });
  const files: [{ id: string; title: string }] = [{ id: fileId, title: file.title }];
  const comment = to.initialComment ? { initial_comment: to.initialComment } : {};
  await slackCall(() =>
    to.threadTs
      ? client.files.completeUploadExternal({ files, channel_id: to.channelId, thread_ts: to.threadTs, ...comment })
      : client.files.completeUploadExternal({ files, channel_id: to.channelId, ...comment }),
  );
}
