import type { HomeView } from '@slack/types';
import { type CommandUsage, PRODUCT_NAME, commandList } from './help-message';

/** The App Home tab: what the bot does and how to start. */
export function homeView(commands: CommandUsage[]): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: PRODUCT_NAME } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'When something breaks, run `/incident` from any channel. The bot keeps the incident channel, its timeline and the post-mortem in one place.',
        },
      },
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: `*Commands*\n${commandList(commands)}` } },
    ],
  };
}
