import fs from 'node:fs';
import path from 'node:path';
import type { FakeSlack, SlackObject } from '../tools/fake-slack';

export interface WrittenOutput {
  dir: string;
  markdownFile: string;
  /** The phase chart the bot uploaded with it, `phase-chart.png`, which the Markdown shows. */
  chartFile: string;
  /** One `{ "blocks": [...] }` file per published post-mortem message. */
  messageFiles: string[];
  linksFile: string;
  /** The published post-mortem drawn in an approximation of Slack's layout (see demo/slack-layout-svg.ts). */
  slackScreenshot?: string;
  /** A clone of the post-mortems repository the bot wrote to, when `git` is installed. */
  repositoryDir?: string;
}

const BLOCK_KIT_BUILDER = 'https://app.slack.com/block-kit-builder#';

/** A link that opens the blocks in Slack's Block Kit Builder, to see them as Slack draws them. */
export function blockKitBuilderLink(blocks: SlackObject[]): string {
  return BLOCK_KIT_BUILDER + encodeURIComponent(JSON.stringify({ blocks }));
}

/**
 * Writes what publishing the post-mortem left in the fake Slack, as it stands now (later edits
 * such as an item marked done included): the uploaded Markdown file and phase chart, the Block Kit of every
 * post-mortem message in `channelIds`, and a Block Kit Builder link for each. `dir` is emptied first.
 */
export function writeOutput(slack: FakeSlack, dir: string, channelIds: string[]): WrittenOutput {
  const file = slack.files().filter((f) => f.title.endsWith('.md') || f.name.endsWith('.md')).at(-1);
  if (!file) throw new Error('No Markdown post-mortem was uploaded');
  const chart = slack.files().filter((f) => f.name === 'phase-chart.png').at(-1);
  if (!chart) throw new Error('No phase chart was uploaded');
  const messages = channelIds.flatMap((channel) =>
    slack
      .botMessages(channel)
      .filter((m) => m.text.startsWith('Post-mortem:'))
      .map((m) => ({ channelName: slack.channel(channel)?.name ?? channel, blocks: m.blocks ?? [] })),
  );
  if (messages.length === 0) throw new Error('No published post-mortem messages were found');

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'messages'), { recursive: true });
  const markdownFile = path.join(dir, 'postmortem.md');
  fs.writeFileSync(markdownFile, file.text);
  // Beside the Markdown, as in the repository, so its image link shows it.
  const chartFile = path.join(dir, 'phase-chart.png');
  fs.writeFileSync(chartFile, chart.content);

  const links = ['# Published post-mortem messages in Block Kit Builder', '', 'Open a link to see the message as Slack lays it out.', ''];
  // Written as <autolinks>: the encoded JSON keeps its parentheses, which would end a [text](link).
  const messageFiles = messages.map((message, i) => {
    const name = `${String(i + 1).padStart(2, '0')}-${message.channelName}`;
    const messageFile = path.join(dir, 'messages', `${name}.json`);
    fs.writeFileSync(messageFile, `${JSON.stringify({ blocks: message.blocks }, null, 2)}\n`);
    links.push(`- ${name} (${message.blocks.length} blocks): <${blockKitBuilderLink(message.blocks)}>`);
    return messageFile;
  });
  const linksFile = path.join(dir, 'block-kit-builder-links.md');
  fs.writeFileSync(linksFile, `${links.join('\n')}\n`);
  return { dir, markdownFile, chartFile, messageFiles, linksFile };
}
