import type { SlackObject } from './index';
import { type SimpleValue, optionsOf, stateEntry } from './view-values';

/** Slack's action_ts: the moment of the click as "seconds.micros". */
export function actionTs(nowMs: number): string {
  return (nowMs / 1000).toFixed(6);
}

/** Buttons and overflow menus fire actions but hold no value in a view's state. */
export function keepsState(element: SlackObject): boolean {
  return !['button', 'overflow', 'workflow_button'].includes(element.type as string);
}

/** Finds the element a person would click; it has to be on screen, and unambiguous. */
export function findActionElement(
  blocks: SlackObject[],
  actionId: string,
  blockId: string | undefined,
  where: string,
): { block: SlackObject; element: SlackObject } {
  const matches: Array<{ block: SlackObject; element: SlackObject }> = [];
  for (const block of blocks) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    const elements: SlackObject[] =
      block.type === 'actions'
        ? (block.elements ?? [])
        : block.type === 'section' && block.accessory
          ? [block.accessory]
          : block.type === 'input' && block.element
            ? [block.element]
            : [];
    for (const element of elements) {
      if (element.action_id === actionId) matches.push({ block, element });
    }
  }
  if (matches.length === 0) {
    throw new Error(`No element with action_id "${actionId}"${blockId ? ` in block "${blockId}"` : ''} in ${where}`);
  }
  if (matches.length > 1) throw new Error(`action_id "${actionId}" appears in several blocks of ${where}; pass blockId`);
  const [match] = matches as [{ block: SlackObject; element: SlackObject }];
  if (match.block.type === 'input' && !match.block.dispatch_action) {
    throw new Error(`Input "${actionId}" in ${where} does not dispatch actions (set dispatch_action: true)`);
  }
  return match;
}

/** The `actions[0]` entry of a block_actions payload, as Slack builds it for the element type. */
export function blockActionEntry(block: SlackObject, element: SlackObject, value: SimpleValue | undefined, nowMs: number): SlackObject {
  const type = element.type as string;
  const action: SlackObject = { type, action_id: element.action_id, block_id: block.block_id, action_ts: actionTs(nowMs) };
  if (type === 'button') {
    if (value !== undefined && value !== element.value) {
      throw new Error(`Button "${element.action_id}" carries value ${JSON.stringify(element.value)}, not ${JSON.stringify(value)}`);
    }
    action.text = element.text;
    if (element.value !== undefined) action.value = element.value;
    if (element.style !== undefined) action.style = element.style;
    return action;
  }
  if (type === 'overflow') {
    const option = optionsOf(element).find((o) => o.value === value);
    if (!option) throw new Error(`Overflow "${element.action_id}" has no option ${JSON.stringify(value)}`);
    action.selected_option = structuredClone(option);
    return action;
  }
  if (value === undefined) throw new Error(`Say what the person chose in "${element.action_id}" (value / selected...)`);
  const { type: _type, ...entry } = stateEntry(element, value);
  if (element.placeholder !== undefined) action.placeholder = element.placeholder;
  return { ...action, ...entry };
}
