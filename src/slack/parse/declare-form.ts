import { parseSeverity } from '../../incidents/severity';
import type { DeclareFormValues } from '../blocks/declare-modal';
import { Field } from '../ids';
import { type ViewValues, checkedOf, dateTimeOf, lineOf, selectedOf, textOf, usersOf } from './view-state';

export function readDeclareForm(values: ViewValues): DeclareFormValues {
  return {
    title: lineOf(values, Field.title) ?? '',
    severity: parseSeverity(selectedOf(values, Field.severity) ?? '') ?? null,
    description: textOf(values, Field.description),
    responderIds: usersOf(values, Field.responders),
    isPrivate: checkedOf(values, Field.private).includes('private'),
    impactStartedAt: dateTimeOf(values, Field.impactStartedAt),
  };
}
