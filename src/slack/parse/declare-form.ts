import { parseSeverity } from '../../incidents/severity';
import type { DeclareFormValues } from '../blocks/declare-modal';
import { Field } from '../ids';
import { type ViewValues, checkedOf, dateTimeOf, selectedOf, textOf, usersOf } from './view-state';

export function readDeclareForm(values: ViewValues): DeclareFormValues {
  return {
    title: textOf(values, Field.title) ?? '',
    severity: parseSeverity(selectedOf(values, Field.severity) ?? '') ?? null,
    description: textOf(values, Field.description),
    responderIds: usersOf(values, Field.responders),
    isPrivate: checkedOf(values, Field.private).includes('private'),
    impactStartedAt: dateTimeOf(values, Field.impactStartedAt),
  };
}

/** `<@U123|alice>` or `<@U123>` (Slack escapes mentions in command text) → `U123`. */
export function mentionedUser(text: string): string | null {
  return /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/.exec(text)?.[1] ?? null;
}
