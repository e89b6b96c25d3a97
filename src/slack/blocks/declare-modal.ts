import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { severityOption } from './severity-option';
import { TITLE_MAX } from '../../incidents/incident';
import { SEVERITIES, type Severity } from '../../incidents/severity';
import { CallbackId, Field } from '../ids';
import { escapeMrkdwn } from '../../mrkdwn/escape';

export interface DeclareFormValues {
  title: string;
  severity: Severity | null;
  description: string | null;
  responderIds: string[];
  isPrivate: boolean;
  impactStartedAt: Date | null;
}

export const EMPTY_DECLARE_FORM: DeclareFormValues = {
  title: '',
  severity: null,
  description: null,
  responderIds: [],
  isPrivate: false,
  impactStartedAt: null,
};

/**
 * The declare form. `problem` is shown above the inputs when an earlier submission could not
 * be completed; the person's answers are kept in `values` so nothing they typed is lost.
 */
export function declareModal(values: DeclareFormValues, problem?: string): ModalView {
  const blocks: KnownBlock[] = [];
  if (problem) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${escapeMrkdwn(problem)}` } });
  }
  blocks.push(
    {
      type: 'input',
      block_id: Field.title,
      label: { type: 'plain_text', text: 'Title' },
      hint: { type: 'plain_text', text: 'What is broken, in a few words people will recognise.' },
      element: {
        type: 'plain_text_input',
        action_id: Field.title,
        max_length: TITLE_MAX,
        placeholder: { type: 'plain_text', text: 'Checkout returns 500s' },
        ...(values.title ? { initial_value: values.title.slice(0, TITLE_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.severity,
      label: { type: 'plain_text', text: 'Severity' },
      element: {
        type: 'static_select',
        action_id: Field.severity,
        placeholder: { type: 'plain_text', text: 'How bad is it?' },
        options: SEVERITIES.map(severityOption),
        ...(values.severity ? { initial_option: severityOption(values.severity) } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.description,
      optional: true,
      label: { type: 'plain_text', text: "What's happening" },
      element: {
        type: 'plain_text_input',
        action_id: Field.description,
        multiline: true,
        max_length: 3000,
        placeholder: { type: 'plain_text', text: 'Symptoms, alerts, who is affected' },
        ...(values.description ? { initial_value: values.description } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.responders,
      optional: true,
      label: { type: 'plain_text', text: 'Responders' },
      hint: { type: 'plain_text', text: 'You are invited and become the incident commander.' },
      element: {
        type: 'multi_users_select',
        action_id: Field.responders,
        placeholder: { type: 'plain_text', text: 'Who should join?' },
        ...(values.responderIds.length ? { initial_users: values.responderIds } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.private,
      optional: true,
      label: { type: 'plain_text', text: 'Visibility' },
      element: {
        type: 'checkboxes',
        action_id: Field.private,
        options: [privateOption],
        ...(values.isPrivate ? { initial_options: [privateOption] } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.impactStartedAt,
      optional: true,
      label: { type: 'plain_text', text: 'Impact started at' },
      hint: { type: 'plain_text', text: 'If customers were affected before anyone noticed. Empty means now.' },
      element: {
        type: 'datetimepicker',
        action_id: Field.impactStartedAt,
        ...(values.impactStartedAt ? { initial_date_time: Math.floor(values.impactStartedAt.getTime() / 1000) } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: CallbackId.declare,
    title: { type: 'plain_text', text: 'Declare an incident' },
    submit: { type: 'plain_text', text: 'Declare' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

const privateOption: PlainTextOption = {
  text: { type: 'plain_text', text: 'Private incident' },
  description: { type: 'plain_text', text: 'Private channel, invited people only; never announced' },
  value: 'private',
};
