import type { ModalView } from '@slack/types';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { CallbackId } from '../ids';
import { modal, mrkdwnSection } from './block-kit';

/** Shown at once when a modal's content takes longer than its trigger allows; replaced when ready. */
export function loadingView(title: string): ModalView {
  return modal({ callbackId: CallbackId.loading, title, close: 'Close', blocks: [mrkdwnSection(':hourglass_flowing_sand: Getting it ready…')] });
}

/** What the loading modal becomes when its content could not be made. */
export function loadingFailedView(title: string, problem: string): ModalView {
  return modal({ callbackId: CallbackId.loading, title, close: 'Close', blocks: [mrkdwnSection(`:warning: ${escapeMrkdwn(problem)}`)] });
}
