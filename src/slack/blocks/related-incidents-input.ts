import type { InputBlock, PlainTextOption } from '@slack/types';
import { outcomesText } from '../../recurrence/item-outcomes';
import type { PastIncident } from '../../recurrence/past-incident';
import type { RelatedChoices } from '../../recurrence/related-incidents';
import { Field } from '../ids';
import { inputBlock, option } from './block-kit';

/** Slack's limit on an option's text and description. */
const OPTION_TEXT_MAX = 75;
const OPTION_DESCRIPTION_MAX = 150;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function relatedOption(past: PastIncident): PlainTextOption {
  const day = past.declaredAt.toISOString().slice(0, 10);
  return option(cut(past.title, OPTION_TEXT_MAX), past.id, cut(`${past.severity} · ${day} · ${outcomesText(past.items)}`, OPTION_DESCRIPTION_MAX));
}

/**
 * The post-mortem form's Related incidents: one checkbox per past incident offered, ticked as
 * chosen. Nothing when there is nothing to offer.
 */
export function relatedIncidentsBlocks(related: RelatedChoices | null | undefined): InputBlock[] {
  if (!related || related.options.length === 0) return [];
  const options = related.options.map(relatedOption);
  const initial = options.filter((o) => related.checked.includes(o.value as string));
  return [
    inputBlock(
      'Related incidents',
      { type: 'checkboxes', action_id: Field.relatedIncidents, options, ...(initial.length ? { initial_options: initial } : {}) },
      { optional: true, hint: 'Past incidents like this one, found by shared alerts, tags and wording. Untick any that are not related; the post-mortem lists the rest.' },
    ),
  ];
}
