import type { KnownBlock, ModalView } from '@slack/types';
import { severityOption } from './severity-option';
import { TITLE_MAX } from '../../incidents/incident';
import { SEVERITIES, type Severity } from '../../incidents/severity';
import { CallbackId, Field } from '../ids';
import { escapeMrkdwn } from '../../mrkdwn/escape';
import { checkbox, dateTimepicker, inputBlock, modal, mrkdwnSection, multiUsersSelect, option, staticSelect, textInput } from './block-kit';

export interface DeclareFormValues {
  title: string;
  severity: Severity | null;
  description: string | null;
  responderIds: string[];
  isPrivate: boolean;
  impactStartedAt: Date | null;
}

/** Where the form was opened from, carried in its private metadata: an alert offer links its alert. */
export interface DeclareFormSource {
  alertGroupId?: string;
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
export function declareModal(values: DeclareFormValues, problem?: string, from: DeclareFormSource = {}): ModalView {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push(mrkdwnSection(`:warning: ${escapeMrkdwn(problem)}`));
  if (from.alertGroupId) {
    blocks.push(mrkdwnSection(':rotating_light: Declaring from an alert: it is linked to the incident, and its times set when impact started and when it was detected.'));
  }
  blocks.push(
    inputBlock(
      'Title',
      textInput(Field.title, { maxLength: TITLE_MAX, placeholder: 'Checkout returns 500s', initial: values.title }),
      { hint: 'What is broken, in a few words people will recognise.' },
    ),
    inputBlock(
      'Severity',
      staticSelect(Field.severity, SEVERITIES.map(severityOption), {
        placeholder: 'How bad is it?',
        initial: values.severity && severityOption(values.severity),
      }),
    ),
    inputBlock(
      "What's happening",
      textInput(Field.description, { multiline: true, maxLength: 3000, placeholder: 'Symptoms, alerts, who is affected', initial: values.description }),
      { optional: true },
    ),
    inputBlock('Responders', multiUsersSelect(Field.responders, { placeholder: 'Who should join?', initial: values.responderIds }), {
      optional: true,
      hint: 'You are invited and become the incident commander.',
    }),
    inputBlock('Visibility', checkbox(Field.private, privateOption, values.isPrivate), { optional: true }),
    inputBlock('Impact started at', dateTimepicker(Field.impactStartedAt, values.impactStartedAt), {
      optional: true,
      hint: 'If customers were affected before anyone noticed. Empty means now.',
    }),
  );
  return modal({
    callbackId: CallbackId.declare,
    title: 'Declare an incident',
    submit: 'Declare',
    close: 'Cancel',
    ...(from.alertGroupId ? { privateMetadata: JSON.stringify(from) } : {}),
    blocks,
  });
}

const privateOption = option('Private incident', 'private', 'Private channel, invited people only; never announced');
