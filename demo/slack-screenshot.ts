import fs from 'node:fs';
import path from 'node:path';
import { svgToPng } from '../src/charts/svg-to-png';
import type { FakeSlack } from '../tools/fake-slack';
import { clockTime } from './readable-mrkdwn';
import { slackLayoutSvg } from './slack-layout-svg';

/**
 * Writes `postmortem-in-slack.png`: the published post-mortem's messages in the incident channel,
 * drawn in an approximation of Slack's layout (see `slackLayoutSvg`), times in UTC.
 */
export async function writeSlackScreenshot(slack: FakeSlack, channelId: string, dir: string): Promise<string> {
  const messages = slack
    .botMessages(channelId)
    .filter((m) => m.text.startsWith('Post-mortem:'))
    .map((m) => ({ time: clockTime(new Date(Number(m.ts) * 1000), 'UTC'), blocks: m.blocks ?? [] }));
  const reader = {
    timeZone: 'UTC',
    userName: (id: string) => slack.user(id)?.real_name ?? id,
    channelName: (id: string) => slack.channel(id)?.name ?? id,
  };
  const svg = slackLayoutSvg(slack.channel(channelId)?.name ?? channelId, messages, reader);
  const file = path.join(dir, 'postmortem-in-slack.png');
  fs.writeFileSync(file, await svgToPng(svg));
  return file;
}
