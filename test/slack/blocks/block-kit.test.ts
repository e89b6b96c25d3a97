import {
  button,
  checkbox,
  contextLine,
  dateTimepicker,
  inputBlock,
  modal,
  multiUsersSelect,
  option,
  staticSelect,
  textInput,
  usersSelect,
} from '../../../src/slack/blocks/block-kit';
import { checkView } from '../../../tools/fake-slack';

describe('Block Kit builders', () => {
  it('names an input block after its element, so a submission is read back by one field id', () => {
    expect(inputBlock('Owner', usersSelect('item_owner', 'U1'), { hint: 'Who does it', optional: true })).toEqual({
      type: 'input',
      block_id: 'item_owner',
      optional: true,
      label: { type: 'plain_text', text: 'Owner' },
      hint: { type: 'plain_text', text: 'Who does it' },
      element: { type: 'users_select', action_id: 'item_owner', initial_user: 'U1' },
    });
  });

  it('leaves out what is not set instead of sending empty values', () => {
    expect(inputBlock('Title', textInput('title'))).toEqual({
      type: 'input',
      block_id: 'title',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'title' },
    });
    expect(usersSelect('owner', null)).toEqual({ type: 'users_select', action_id: 'owner' });
    expect(multiUsersSelect('responders', { initial: [] })).toEqual({ type: 'multi_users_select', action_id: 'responders' });
    expect(staticSelect('severity', [option('SEV1', 'SEV1')], { initial: null })).not.toHaveProperty('initial_option');
    expect(checkbox('private', option('Private', 'private'))).not.toHaveProperty('initial_options');
  });

  it('cuts an initial value to the field’s length, which Slack would otherwise refuse', () => {
    const input = textInput('summary', { multiline: true, maxLength: 10, placeholder: 'What happened', initial: 'x'.repeat(25) });
    expect(input).toEqual({
      type: 'plain_text_input',
      action_id: 'summary',
      multiline: true,
      max_length: 10,
      placeholder: { type: 'plain_text', text: 'What happened' },
      initial_value: 'x'.repeat(10),
    });
  });

  it('sets choices, checks and times as Slack expects them', () => {
    const sev1 = option('SEV1', 'SEV1', 'Customers cannot pay');
    expect(sev1).toEqual({ text: { type: 'plain_text', text: 'SEV1' }, description: { type: 'plain_text', text: 'Customers cannot pay' }, value: 'SEV1' });
    expect(staticSelect('severity', [sev1], { placeholder: 'How bad?', initial: sev1 })).toMatchObject({ initial_option: sev1, placeholder: { text: 'How bad?' } });
    expect(checkbox('private', sev1, true)).toMatchObject({ options: [sev1], initial_options: [sev1] });
    expect(dateTimepicker('impact', new Date('2026-01-01T00:00:01.900Z'))).toEqual({
      type: 'datetimepicker',
      action_id: 'impact',
      initial_date_time: Date.parse('2026-01-01T00:00:01Z') / 1000,
    });
  });

  it('makes buttons that carry a value back, or open a page', () => {
    expect(button('Mark done', 'item_done', { value: 'a1', style: 'primary' })).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Mark done' },
      action_id: 'item_done',
      value: 'a1',
      style: 'primary',
    });
    expect(button('Open', 'open', { url: 'https://slack.com/app_redirect?channel=C1' })).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Open' },
      action_id: 'open',
      url: 'https://slack.com/app_redirect?channel=C1',
    });
    expect(button('Page 1', 'page', { value: '0' })).toHaveProperty('value', '0');
  });

  it('makes a modal Slack accepts, its title cut to Slack’s 24 characters', () => {
    const view = modal({
      callbackId: 'cb',
      title: 'A title far longer than Slack allows',
      submit: 'Save',
      close: 'Cancel',
      privateMetadata: '{"incidentId":"i1"}',
      blocks: [contextLine('Under the title'), inputBlock('Title', textInput('title'))],
    });
    expect(view.title).toEqual({ type: 'plain_text', text: 'A title far longer than ' });
    expect(view).toMatchObject({ callback_id: 'cb', submit: { text: 'Save' }, close: { text: 'Cancel' }, private_metadata: '{"incidentId":"i1"}' });
    expect(checkView(view, ['modal'])).toEqual([]);
    expect(modal({ callbackId: 'cb', title: 'Done', close: 'Close', blocks: [] })).not.toHaveProperty('submit');
  });
});
