import { wontDoModal } from '../../blocks/wont-do-modal';
import type { ListenerDeps } from '../deps';
import { openModal } from '../open-modal';
import { type ButtonArgs, explainFailedClick } from './button-args';

/** "Won't do": asks for the reason first. */
export function itemWontDoClicked(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const container = args.body.container as { type?: string; channel_id?: string; message_ts?: string };
    try {
      const metadata = { itemId: args.action.value ?? '', channel: container.channel_id, ts: container.message_ts };
      await openModal(args.client, args.body.trigger_id, wontDoModal(metadata));
    } catch (error) {
      await explainFailedClick(args, deps, error);
    }
  };
}
