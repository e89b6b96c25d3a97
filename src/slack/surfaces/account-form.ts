import type { ModalView } from '@slack/types';
import { accountToWrite } from '../../accounts/save-account';
import { type AccountFormMetadata, accountModal } from '../blocks/account-modal';
import type { ListenerDeps, Services } from '../listeners/listener-deps';

/**
 * A person's own account form for the incident, with what they saved before, if they may write
 * one (the account service says who may, and until when). Their typed times are read in their
 * zone, which the form names. `clicked` is the DM message it was opened from, if any.
 */
export async function accountForm(
  deps: ListenerDeps,
  services: Services,
  incidentId: string,
  userId: string,
  clicked?: AccountFormMetadata['clicked'],
): Promise<ModalView> {
  // In parallel: a trigger to open the form lasts three seconds.
  const [{ incident, account }, timeZone] = await Promise.all([
    accountToWrite(services.accounts, incidentId, userId),
    services.people.timeZoneOr(userId, deps.config.reminders.defaultTimeZone),
  ]);
  return accountModal(incident, account, timeZone, clicked);
}
