import type {
  Button,
  Checkboxes,
  ContextBlock,
  DateTimepicker,
  Datepicker,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  ModalView,
  MultiUsersSelect,
  PlainTextElement,
  PlainTextInput,
  PlainTextOption,
  RadioButtons,
  SectionBlock,
  StaticSelect,
  Timepicker,
  UsersSelect,
} from '@slack/types';

/**
 * The Block Kit pieces every form and message here is made of. Each input's block and element
 * share one field id (`Field.*`), which is how the parsers in `parse/` read a submission back.
 * Text given to the mrkdwn builders is shown as written: escape user text before passing it.
 */

/** Slack refuses a modal whose title is longer than this. */
export const MODAL_TITLE_MAX = 24;

/** An input element named by its field id. */
export type FieldElement<E extends InputBlockElement> = E & { action_id: string };

export const plainText = (text: string): PlainTextElement => ({ type: 'plain_text', text });

/** A button; `value` comes back with the click, `url` opens a page instead. */
export function button(text: string, actionId: string, settings: { value?: string; style?: 'primary' | 'danger'; url?: string } = {}): Button {
  const { value, style, url } = settings;
  return {
    type: 'button',
    text: plainText(text),
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
    ...(url ? { url } : {}),
  };
}

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plainText(text) });

export const mrkdwnSection = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** One line of small grey mrkdwn text. */
export const contextLine = (text: string): ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** A choice in a select or a checkbox; `description` is the grey line under it. */
export function option(text: string, value: string, description?: string): PlainTextOption {
  return { text: plainText(text), ...(description ? { description: plainText(description) } : {}), value };
}

/** An input labelled `label`, read back by its element's field id. */
export function inputBlock(label: string, element: FieldElement<InputBlockElement>, options: { hint?: string; optional?: boolean } = {}): InputBlock {
  return {
    type: 'input',
    block_id: element.action_id,
    ...(options.optional ? { optional: true } : {}),
    label: plainText(label),
    ...(options.hint ? { hint: plainText(options.hint) } : {}),
    element,
  };
}

/** A text field; an initial value longer than `maxLength` is cut, as Slack refuses the view otherwise. */
export function textInput(
  field: string,
  options: { multiline?: boolean; maxLength?: number; placeholder?: string; initial?: string | null } = {},
): FieldElement<PlainTextInput> {
  const { multiline, maxLength, placeholder, initial } = options;
  return {
    type: 'plain_text_input',
    action_id: field,
    ...(multiline ? { multiline: true } : {}),
    ...(maxLength !== undefined ? { max_length: maxLength } : {}),
    ...(placeholder ? { placeholder: plainText(placeholder) } : {}),
    ...(initial ? { initial_value: maxLength !== undefined ? initial.slice(0, maxLength) : initial } : {}),
  };
}

export function staticSelect(field: string, options: PlainTextOption[], settings: { placeholder?: string; initial?: PlainTextOption | null } = {}): FieldElement<StaticSelect> {
  return {
    type: 'static_select',
    action_id: field,
    ...(settings.placeholder ? { placeholder: plainText(settings.placeholder) } : {}),
    options,
    ...(settings.initial ? { initial_option: settings.initial } : {}),
  };
}

export function usersSelect(field: string, initial?: string | null): FieldElement<UsersSelect> {
  return { type: 'users_select', action_id: field, ...(initial ? { initial_user: initial } : {}) };
}

export function multiUsersSelect(field: string, settings: { placeholder?: string; initial?: string[] } = {}): FieldElement<MultiUsersSelect> {
  return {
    type: 'multi_users_select',
    action_id: field,
    ...(settings.placeholder ? { placeholder: plainText(settings.placeholder) } : {}),
    ...(settings.initial?.length ? { initial_users: settings.initial } : {}),
  };
}

/** One checkbox: a yes-or-no choice. */
export function checkbox(field: string, choice: PlainTextOption, checked = false): FieldElement<Checkboxes> {
  return { type: 'checkboxes', action_id: field, options: [choice], ...(checked ? { initial_options: [choice] } : {}) };
}

/** One choice among a few, all shown at once. */
export function radioButtons(field: string, options: PlainTextOption[], initial?: PlainTextOption | null): FieldElement<RadioButtons> {
  return { type: 'radio_buttons', action_id: field, options, ...(initial ? { initial_option: initial } : {}) };
}

/** `initial` is a calendar day, `YYYY-MM-DD`. */
export function datepicker(field: string, initial?: string | null): FieldElement<Datepicker> {
  return { type: 'datepicker', action_id: field, ...(initial ? { initial_date: initial } : {}) };
}

/** `initial` is a time of day, `HH:mm`. */
export function timepicker(field: string, initial?: string | null): FieldElement<Timepicker> {
  return { type: 'timepicker', action_id: field, ...(initial ? { initial_time: initial } : {}) };
}

export function dateTimepicker(field: string, initial?: Date | null): FieldElement<DateTimepicker> {
  return { type: 'datetimepicker', action_id: field, ...(initial ? { initial_date_time: Math.floor(initial.getTime() / 1000) } : {}) };
}

/** A modal; `privateMetadata` comes back with its submission (up to 3000 characters). */
export function modal(view: {
  callbackId: string;
  title: string;
  submit?: string;
  close: string;
  privateMetadata?: string;
  blocks: ModalView['blocks'];
}): ModalView {
  return {
    type: 'modal',
    callback_id: view.callbackId,
    title: plainText(view.title.slice(0, MODAL_TITLE_MAX)),
    ...(view.submit ? { submit: plainText(view.submit) } : {}),
    close: plainText(view.close),
    ...(view.privateMetadata !== undefined ? { private_metadata: view.privateMetadata } : {}),
    blocks: view.blocks,
  };
}
