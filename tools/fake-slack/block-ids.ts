import { randomBytes } from 'node:crypto';
import type { SlackObject } from './types';

const INTERACTIVE = /(_select|_input|^button$|^overflow$|^datepicker$|^timepicker$|^datetimepicker$|^checkboxes$|^radio_buttons$|^workflow_button$)/;

/**
 * A deep copy of `blocks` in which every block has a block_id and every interactive element an
 * action_id. Slack fills in random ones when the app leaves them out, and those are what appear in
 * `state.values` and action payloads, so an app that relies on ids it never set breaks in tests too.
 */
export function withGeneratedIds(blocks: unknown): SlackObject[] {
  if (!Array.isArray(blocks)) return [];
  const copy = structuredClone(blocks) as SlackObject[];
  for (const block of copy) {
    if (typeof block !== 'object' || block === null) continue;
    if (block.block_id === undefined) block.block_id = randomId();
    const elements: unknown[] = [];
    if (block.type === 'input') elements.push(block.element);
    else if (block.type === 'section') elements.push(block.accessory);
    else if (block.type === 'actions' && Array.isArray(block.elements)) elements.push(...block.elements);
    for (const element of elements) {
      const el = element as SlackObject | undefined;
      if (el && typeof el.type === 'string' && INTERACTIVE.test(el.type) && el.action_id === undefined) {
        el.action_id = randomId();
      }
    }
  }
  return copy;
}

function randomId(): string {
  return randomBytes(6).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 5).padEnd(5, 'x');
}
