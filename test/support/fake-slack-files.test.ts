import type { WebClient } from '@slack/web-api';
import { FakeSlack } from '../../tools/fake-slack';
import { webClientFor } from '../../tools/harness/web-client';

describe('FakeSlack file uploads', () => {
  let slack: FakeSlack;
  let client: WebClient;
  let ops: string;

  beforeEach(async () => {
    slack = await FakeSlack.start();
    client = webClientFor(slack);
    ops = slack.addChannel({ name: 'ops', members: [slack.bot.userId] }).id;
  });
  afterEach(() => slack.stop());

  it('takes files.uploadV2 through all three steps and shares the file as a bot message', async () => {
    await client.filesUploadV2({
      channel_id: ops,
      filename: 'postmortem.md',
      title: 'Post-mortem INC-42',
      content: '# What happened\n',
      initial_comment: 'Draft post-mortem attached',
    });
    expect(slack.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [file] = slack.files();
    expect(file).toMatchObject({
      name: 'postmortem.md',
      title: 'Post-mortem INC-42',
      text: '# What happened\n',
      channels: [ops],
      initial_comment: 'Draft post-mortem attached',
      filetype: 'markdown',
    });
    expect(file?.content).toEqual(Buffer.from('# What happened\n'));
    const [message] = slack.botMessages(ops);
    expect(message).toMatchObject({ text: 'Draft post-mortem attached', files: [expect.objectContaining({ id: file?.id })] });
  });

  it('keeps binary uploads intact and can serve them back to the bot', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 13, 10]);
    await client.filesUploadV2({ channel_id: ops, filename: 'dump.bin', file: bytes });
    const [file] = slack.files();
    expect(file?.content).toEqual(bytes);
    const download = await fetch(file?.url_private as string, { headers: { authorization: `Bearer ${slack.botToken}` } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it('accepts raw bytes at the upload URL, and completes only uploaded files', async () => {
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 5 });
    expect(uploadUrl).toBe(`${slack.baseUrl}/upload/${fileId}`);
    await expect(client.files.completeUploadExternal({ files: [{ id: fileId as string }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    const upload = await fetch(uploadUrl as string, { method: 'POST', body: 'hello' });
    expect(await upload.text()).toBe('OK - 5');
    await client.files.completeUploadExternal({ files: [{ id: fileId as string, title: 'Greeting' }] });
    expect(slack.file(fileId as string)).toMatchObject({ text: 'hello', title: 'Greeting', channels: [] });
    await expect(client.files.completeUploadExternal({ files: [{ id: 'F_NOPE' }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });

  it('shares into a thread, and refuses channels the bot is not in', async () => {
    const { ts } = await client.chat.postMessage({ channel: ops, text: 'parent' });
    await client.filesUploadV2({ channel_id: ops, thread_ts: ts as string, filename: 'log.txt', content: 'log' });
    expect(slack.replies(ops, ts as string)).toEqual([expect.objectContaining({ files: [expect.objectContaining({ name: 'log.txt' })] })]);

    const outside = slack.addChannel({ name: 'random' }).id;
    const { file_id: fileId, upload_url: uploadUrl } = await client.files.getUploadURLExternal({ filename: 'b.txt', length: 1 });
    await fetch(uploadUrl as string, { method: 'POST', body: 'b' });
    await expect(client.files.completeUploadExternal({ files: [{ id: fileId as string }], channel_id: outside })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
  });
});
