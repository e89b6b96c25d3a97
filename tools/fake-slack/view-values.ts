import type { FakeView, SlackObject, StateValues } from './index';

/**
 * What a person enters in a view, expressed simply: a string for text inputs, an option's value
 * for selects and radio buttons, user/channel ids for pickers, arrays for multi-selects and
 * checkboxes, 'YYYY-MM-DD' / 'HH:mm' / epoch seconds for date and time pickers, null to clear.
 */
export type SimpleValue = string | number | string[] | null;

interface Located {
  blockId: string;
  actionId: string;
  element: SlackObject;
  block: SlackObject;
}

/** Elements whose value Slack keeps in `view.state.values` (buttons and overflow menus have none). */
const STATEFUL = /^(plain_text_input|email_text_input|url_text_input|number_input|rich_text_input|file_input|(multi_)?(static|external|users|conversations|channels)_select|datepicker|timepicker|datetimepicker|checkboxes|radio_buttons)$/;

/** The input-like elements of a view, each with the block it sits in. */
export function statefulElements(view: Pick<FakeView, 'blocks'>): Located[] {
  const found: Located[] = [];
  for (const block of view.blocks) {
    const elements: SlackObject[] =
      block.type === 'input' && block.element
        ? [block.element]
        : block.type === 'section' && block.accessory
          ? [block.accessory]
          : block.type === 'actions' && Array.isArray(block.elements)
            ? block.elements
            : [];
    for (const element of elements) {
      if (typeof element.type === 'string' && STATEFUL.test(element.type)) {
        found.push({ blockId: String(block.block_id), actionId: String(element.action_id), element, block });
      }
    }
  }
  return found;
}

/** `state.values` as Slack reports it before the person changes anything: from initial_* fields. */
export function initialStateValues(view: Pick<FakeView, 'blocks'>): StateValues {
  const values: StateValues = {};
  for (const { blockId, actionId, element, block } of statefulElements(view)) {
    // Outside input blocks Slack only reports elements the person has touched.
    if (block.type !== 'input') continue;
    (values[blockId] ??= {})[actionId] = initialEntry(element);
  }
  return values;
}

function initialEntry(element: SlackObject): SlackObject {
  const type = element.type as string;
  const entry: SlackObject = { type };
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      entry.value = element.initial_value ?? null;
      break;
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      entry.selected_option = element.initial_option ?? null;
      break;
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      entry.selected_options = element.initial_options ?? [];
      break;
    case 'users_select':
      entry.selected_user = element.initial_user ?? null;
      break;
    case 'multi_users_select':
      entry.selected_users = element.initial_users ?? [];
      break;
    case 'conversations_select':
      entry.selected_conversation = element.initial_conversation ?? null;
      break;
    case 'multi_conversations_select':
      entry.selected_conversations = element.initial_conversations ?? [];
      break;
    case 'channels_select':
      entry.selected_channel = element.initial_channel ?? null;
      break;
    case 'multi_channels_select':
      entry.selected_channels = element.initial_channels ?? [];
      break;
    case 'datepicker':
      entry.selected_date = element.initial_date ?? null;
      break;
    case 'timepicker':
      entry.selected_time = element.initial_time ?? null;
      if (element.timezone) entry.timezone = element.timezone;
      break;
    case 'datetimepicker':
      entry.selected_date_time = element.initial_date_time ?? null;
      break;
    case 'rich_text_input':
      entry.rich_text_value = element.initial_value ?? richText('');
      break;
    case 'file_input':
      entry.files = [];
      break;
    default:
      break;
  }
  return entry;
}

/**
 * Turns simple answers keyed by block_id (or action_id) into `state.values` entries, checking each
 * against the view the way the person's Slack client would: a select can only take one of its
 * options, and a key must name an input that is actually there.
 */
export function valuesFor(view: Pick<FakeView, 'blocks'>, fields: Record<string, SimpleValue>): StateValues {
  const elements = statefulElements(view);
  const values: StateValues = {};
  for (const [key, value] of Object.entries(fields)) {
    const byBlock = elements.filter((e) => e.blockId === key);
    const matches = byBlock.length > 0 ? byBlock : elements.filter((e) => e.actionId === key);
    if (matches.length === 0) {
      const known = elements.map((e) => `${e.blockId}/${e.actionId}`).join(', ');
      throw new Error(`The view has no input "${key}" (inputs: ${known || 'none'})`);
    }
    if (matches.length > 1) throw new Error(`"${key}" names several inputs; key by block_id instead`);
    const [match] = matches as [Located];
    (values[match.blockId] ??= {})[match.actionId] = stateEntry(match.element, value);
  }
  return values;
}

/** One element's state entry for a simple value. */
export function stateEntry(element: SlackObject, value: SimpleValue): SlackObject {
  const type = element.type as string;
  const entry: SlackObject = { type };
  const one = (): string | null => (value === null ? null : String(value));
  const many = (): string[] => (value === null ? [] : Array.isArray(value) ? value : [String(value)]);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      entry.value = one();
      break;
    case 'static_select':
    case 'radio_buttons':
      entry.selected_option = value === null ? null : optionWithValue(element, String(value));
      break;
    case 'external_select':
      entry.selected_option = value === null ? null : { text: { type: 'plain_text', text: String(value) }, value: String(value) };
      break;
    case 'multi_static_select':
    case 'checkboxes':
      entry.selected_options = many().map((v) => optionWithValue(element, v));
      break;
    case 'multi_external_select':
      entry.selected_options = many().map((v) => ({ text: { type: 'plain_text', text: v }, value: v }));
      break;
    case 'users_select':
      entry.selected_user = one();
      break;
    case 'multi_users_select':
      entry.selected_users = many();
      break;
    case 'conversations_select':
      entry.selected_conversation = one();
      break;
    case 'multi_conversations_select':
      entry.selected_conversations = many();
      break;
    case 'channels_select':
      entry.selected_channel = one();
      break;
    case 'multi_channels_select':
      entry.selected_channels = many();
      break;
    case 'datepicker':
      entry.selected_date = one();
      break;
    case 'timepicker':
      entry.selected_time = one();
      if (element.timezone) entry.timezone = element.timezone;
      break;
    case 'datetimepicker':
      entry.selected_date_time = value === null ? null : Number(value);
      break;
    case 'rich_text_input':
      entry.rich_text_value = richText(value === null ? '' : String(value));
      break;
    case 'file_input':
      entry.files = [];
      break;
    default:
      throw new Error(`Cannot enter a value into a ${type}`);
  }
  return entry;
}

export function optionsOf(element: SlackObject): SlackObject[] {
  if (Array.isArray(element.options)) return element.options;
  if (Array.isArray(element.option_groups)) return element.option_groups.flatMap((g: SlackObject) => g.options ?? []);
  return [];
}

function optionWithValue(element: SlackObject, value: string): SlackObject {
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option) {
    const offered = optionsOf(element).map((o) => JSON.stringify(o.value)).join(', ');
    throw new Error(`${element.type} "${element.action_id}" has no option with value ${JSON.stringify(value)} (options: ${offered})`);
  }
  return structuredClone(option);
}

function richText(text: string): SlackObject {
  return {
    type: 'rich_text',
    elements: [{ type: 'rich_text_section', elements: text ? [{ type: 'text', text }] : [] }],
  };
}

function isEmpty(entry: SlackObject | undefined): boolean {
  if (!entry) return true;
  for (const key of ['value', 'selected_option', 'selected_user', 'selected_conversation', 'selected_channel', 'selected_date', 'selected_time', 'selected_date_time']) {
    if (key in entry) return entry[key] === null || entry[key] === '';
  }
  for (const key of ['selected_options', 'selected_users', 'selected_conversations', 'selected_channels', 'files']) {
    if (key in entry) return !Array.isArray(entry[key]) || entry[key].length === 0;
  }
  if ('rich_text_value' in entry) return JSON.stringify(entry.rich_text_value).indexOf('"text":') < 0;
  return false;
}

/**
 * What the Slack client itself refuses before anything reaches the app: empty required inputs,
 * text outside min_length/max_length, numbers outside their bounds, malformed emails and URLs.
 */
export function clientSideProblems(view: Pick<FakeView, 'blocks'>, values: StateValues): string[] {
  const problems: string[] = [];
  for (const { blockId, actionId, element, block } of statefulElements(view)) {
    if (block.type !== 'input') continue;
    const entry = values[blockId]?.[actionId];
    const label = (block.label?.text as string | undefined) ?? blockId;
    if (isEmpty(entry)) {
      if (!block.optional) problems.push(`"${label}" (${blockId}) is required`);
      continue;
    }
    const value = entry?.value as string | undefined;
    if (typeof value !== 'string') continue;
    if (element.type === 'plain_text_input') {
      if (typeof element.min_length === 'number' && value.length < element.min_length) {
        problems.push(`"${label}" needs at least ${element.min_length} characters`);
      }
      if (typeof element.max_length === 'number' && value.length > element.max_length) {
        problems.push(`"${label}" allows at most ${element.max_length} characters`);
      }
    }
    if (element.type === 'number_input') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) problems.push(`"${label}" must be a number`);
      else {
        if (!element.is_decimal_allowed && !Number.isInteger(n)) problems.push(`"${label}" must be a whole number`);
        if (element.min_value !== undefined && n < Number(element.min_value)) problems.push(`"${label}" must be at least ${element.min_value}`);
        if (element.max_value !== undefined && n > Number(element.max_value)) problems.push(`"${label}" must be at most ${element.max_value}`);
      }
    }
    if (element.type === 'email_text_input' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      problems.push(`"${label}" must be an email address`);
    }
    if (element.type === 'url_text_input' && !/^https?:\/\/\S+$/.test(value)) problems.push(`"${label}" must be a URL`);
  }
  return problems;
}
