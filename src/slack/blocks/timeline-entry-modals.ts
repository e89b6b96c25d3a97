import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { ENTRY_TEXT_MAX } from '../../timeline/manual-entry';
import { MILESTONES, MILESTONE_LABELS, type Milestone, type TimelineEntry } from '../../timeline/timeline-entry';
import { CallbackId, Field } from '../ids';
import { typedFromSlackText } from '../parse/channel-message';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { entryText } from './timeline-view';

/** Carried by the entry modals: where the entry goes and in which zone its time was typed. */
export interface EntryModalMetadata {
  incidentId: string;
  entryId?: string;
  timeZone: string;
  /** The timeline view underneath, refreshed after the change. */
  timelineViewId?: string;
}

const milestoneOption = (m: Milestone): PlainTextOption => ({ text: { type: 'plain_text', text: MILESTONE_LABELS[m] }, value: m });

function entryInputs(values: { text: string; date: string; time: string }, timeZone: string): KnownBlock[] {
  return [
    {
      type: 'input',
      block_id: Field.entryText,
      label: { type: 'plain_text', text: 'What happened' },
      element: {
        type: 'plain_text_input',
        action_id: Field.entryText,
        multiline: true,
        max_length: ENTRY_TEXT_MAX,
        placeholder: { type: 'plain_text', text: 'Alert fired: checkout error rate above 5%' },
        ...(values.text ? { initial_value: values.text } : {}),
      },
    },
    {
      type: 'input',
      block_id: Field.entryDate,
      label: { type: 'plain_text', text: 'Date' },
      element: { type: 'datepicker', action_id: Field.entryDate, initial_date: values.date },
    },
    {
      type: 'input',
      block_id: Field.entryTime,
      label: { type: 'plain_text', text: 'Time' },
      hint: { type: 'plain_text', text: `In your time zone (${timeZone}).` },
      element: { type: 'timepicker', action_id: Field.entryTime, initial_time: values.time },
    },
  ];
}

/** A hand-written entry for something that happened outside Slack, optionally a milestone. */
export function addEntryModal(incident: Incident, now: { date: string; time: string }, metadata: EntryModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.timelineAddEntry,
    title: { type: 'plain_text', text: 'Add to timeline' },
    submit: { type: 'plain_text', text: 'Add' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeAndTruncate(incident.title, 2000) }] },
      ...entryInputs({ text: '', ...now }, metadata.timeZone),
      {
        type: 'input',
        block_id: Field.milestone,
        optional: true,
        label: { type: 'plain_text', text: 'Milestone' },
        hint: { type: 'plain_text', text: "Sets the incident's matching time, used for time to detect and resolve." },
        element: {
          type: 'static_select',
          action_id: Field.milestone,
          placeholder: { type: 'plain_text', text: 'None' },
          options: MILESTONES.map(milestoneOption),
        },
      },
    ],
  };
}

export function editEntryModal(entry: TimelineEntry, local: { date: string; time: string }, metadata: EntryModalMetadata): ModalView {
  // A captured message is shown as it reads, not as Slack encodes it.
  const text = entry.kind === 'system' ? '' : entry.kind === 'message' ? typedFromSlackText(entry.text) : entry.text;
  return {
    type: 'modal',
    callback_id: CallbackId.timelineEditEntry,
    title: { type: 'plain_text', text: 'Correct entry' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks: entryInputs({ text: text.slice(0, ENTRY_TEXT_MAX), ...local }, metadata.timeZone),
  };
}

export function deleteEntryModal(entry: TimelineEntry, metadata: EntryModalMetadata): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.timelineDeleteEntry,
    title: { type: 'plain_text', text: 'Delete entry' },
    submit: { type: 'plain_text', text: 'Delete' },
    close: { type: 'plain_text', text: 'Keep it' },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'Remove this entry from the timeline?' } },
      { type: 'section', text: { type: 'mrkdwn', text: entryText(entry) } },
    ],
  };
}

/**
 * The message shortcut's message, carried while the person picks an incident (the bot may not be
 * in that channel to read it again). Its text is cut to fit Slack's 3000-character metadata.
 */
export interface PickIncidentMetadata {
  channelId: string;
  ts: string;
  authorId: string | null;
  text: string;
  filesNote: string | null;
}

const METADATA_MAX = 3000;

/** The metadata as JSON within Slack's 3000 characters, shortening the message text if need be. */
export function carriedMessage(metadata: PickIncidentMetadata): string {
  let json = JSON.stringify(metadata);
  let text = metadata.text;
  while (json.length > METADATA_MAX && text.length > 0) {
    text = text.slice(0, Math.max(0, text.length - (json.length - METADATA_MAX) - 1)).replace(/&[a-z]*$|<[^>]*$/, '');
    json = JSON.stringify({ ...metadata, text: `${text}…` });
  }
  return json;
}

/** Somewhere to say that the message is being added (the membership check can take a moment). */
export function addingToTimelineView(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.timelineAdded,
    title: { type: 'plain_text', text: 'Add to timeline' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Adding the message to the timeline…' } }],
  };
}

/** From a channel that is not an incident's: which open incident should the message go to? */
export function pickIncidentModal(incidents: Incident[], metadata: PickIncidentMetadata): ModalView {
  const base = {
    type: 'modal' as const,
    callback_id: CallbackId.timelinePickIncident,
    title: { type: 'plain_text' as const, text: 'Add to timeline' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    private_metadata: carriedMessage(metadata),
  };
  if (incidents.length === 0) {
    return { ...base, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'There is no open incident to add this message to.' } }] };
  }
  return {
    ...base,
    submit: { type: 'plain_text', text: 'Add' },
    blocks: [
      {
        type: 'input',
        block_id: Field.incident,
        label: { type: 'plain_text', text: 'Incident' },
        element: {
          type: 'static_select',
          action_id: Field.incident,
          placeholder: { type: 'plain_text', text: 'Pick the incident' },
          options: incidents.slice(0, 100).map((i) => ({
            text: { type: 'plain_text', text: `${i.severity} ${i.title}`.slice(0, 75) },
            value: i.id,
          })),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: "The entry keeps the message's own time." }] },
    ],
  };
}

/** Shown after the shortcut's pick: where the message went, or why it did not. */
export function addedToTimelineView(channelId: string | null, added: boolean, problem?: string): ModalView {
  const text = problem
    ? `:warning: ${escapeAndTruncate(problem, 2000)}`
    : added
      ? `:memo: Added to the timeline of <#${channelId}>, at the message's own time.`
      : `That message is already on the timeline of <#${channelId}>.`;
  return {
    type: 'modal',
    callback_id: CallbackId.timelineAdded,
    title: { type: 'plain_text', text: 'Add to timeline' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
