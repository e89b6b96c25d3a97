import type { WebClient } from '@slack/web-api';
import type { Account } from '../../accounts/account';
import type { Incident } from '../../incidents/incident';
import type { Logger } from '../../logger';
import { accountRequestMessage } from '../blocks/account-request';
import { slackCall } from '../web-api/slack-call';

/** A DM message a button was clicked in. */
type ClickedMessage = { channel: string; ts: string };

/**
 * The reminder is a message of its own: when the person acted from it, it shows where their
 * account stands too (the request itself is kept current by the account service). Never throws:
 * what they did is saved either way.
 */
export async function showStateWhereClicked(
  client: WebClient,
  logger: Logger,
  clicked: ClickedMessage | undefined,
  account: Account,
  incident: Incident,
): Promise<void> {
  if (!clicked || (account.dm?.channelId === clicked.channel && account.dm.ts === clicked.ts)) return;
  await slackCall(() => client.chat.update({ channel: clicked.channel, ts: clicked.ts, ...accountRequestMessage(account, incident, 'state') })).catch(
    (err: unknown) => logger.warn({ err, incidentId: incident.id }, 'could not update the account reminder'),
  );
}
