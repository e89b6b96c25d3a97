import { App } from '@slack/bolt';

/**
 * The baseline for B1: a bare Bolt app with the same receiver settings as the bot (HTTP receiver,
 * acknowledging before listeners finish, a health route) and listeners that do nothing.
 */
async function main(): Promise<void> {
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    signingSecret: process.env.SLACK_SIGNING_SECRET as string,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    deferInitialization: true,
    customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('{"status":"ok"}') }],
  });
  app.command('/incident', async ({ ack }) => ack());
  app.event('reaction_added', async () => {});
  app.action(/.*/, async ({ ack }) => ack());
  await app.init();
  await app.start(Number(process.env.PORT));
}

void main();
