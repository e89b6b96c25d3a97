import { wontDoModal } from '../../blocks/wont-do-modal';
import { openModal } from '../../web-api/open-modal';
import type { ActionArgs, Routed } from '../route-by-id';
import { buttonValue } from './button-value';
import { clickedIn } from './clicked-in';

/** "Won't do": asks for the reason first. */
export const itemWontDoClicked: Routed<ActionArgs> = async (args) => {
  const { message } = clickedIn(args);
  const metadata = { itemId: buttonValue(args), channel: message?.channel, ts: message?.ts };
  await openModal(args.client, args.body.trigger_id, wontDoModal(metadata));
};
