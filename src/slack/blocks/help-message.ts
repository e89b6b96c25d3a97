import type { KnownBlock } from '@slack/types';
import { BlockId, IncidentAction } from '../ids';
import type { SlackMessage } from '../../render/slack-message';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { button, header, mrkdwnSection } from './block-kit';

/** One line of usage, as shown in help and on the App Home. */
export interface CommandUsage {
  usage: string;
  summary: string;
}


export const PRODUCT_NAME = 'Incident bot';
const PITCH = 'Declare incidents, keep a timeline that stays true to the channel, and write blameless post-mortems — without leaving Slack.';

/** Usages are mrkdwn too: `<date>` must show as typed, not be read as a link. */
export function commandList(commands: readonly CommandUsage[]): string {
  return commands.map((c) => `\`${escapeMrkdwn(c.usage)}\` — ${c.summary}`).join('\n');
}

/** The reply to `/incident help`; `notice` explains why help is shown (e.g. an unknown subcommand). */
export function helpMessage(commands: readonly CommandUsage[], notice?: string): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(mrkdwnSection(notice));
  blocks.push(
    header(PRODUCT_NAME),
    mrkdwnSection(PITCH),
    {
      type: 'actions',
      block_id: BlockId.helpActions,
      elements: [button('Declare an incident', IncidentAction.declare, { style: 'danger' })],
    },
    mrkdwnSection(`*Commands*\n${commandList(commands)}`),
  );
  const text = [notice, `${PRODUCT_NAME}: ${PITCH}`, ...commands.map((c) => `${escapeMrkdwn(c.usage)} — ${c.summary}`)]
    .filter(Boolean)
    .join('\n');
  return { text, blocks };
}
