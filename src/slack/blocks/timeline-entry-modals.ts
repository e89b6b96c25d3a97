import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/incident';
import { ENTRY_TEXT_MAX } from '../../timeline/manual-entry';
import { MILESTONES, MILESTONE_LABELS, type Milestone, type TimelineEntry } from '../../timeline/timeline-entry';
import { CallbackId, Field } from '../ids';
import { typedFromSlackText } from '../parse/channel-message';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import { entryText } from './timeline-view';
import { contextLine, datepicker, inputBlock, modal, mrkdwnSection, option, staticSelect, textInput, timepicker } from './block-kit';

/** Carried by the entry modals: where the entry goes and in which zone its time was typed. */
export interface EntryModalMetadata {
  incidentId: string;
  entryId?: string;
  timeZone: string;
  /** The timeline view underneath, refreshed after the change. */
  timelineViewId?: string;
}

const milestoneOption = (m: Milestone): PlainTextOption => option(MILESTONE_LABELS[m], m);

function entryInputs(values: { text: string; date: string; time: string }, timeZone: string): KnownBlock[] {
  return [
    inputBlock(
      'What happened',
      textInput(Field.entryText, {
        multiline: true,
        maxLength: ENTRY_TEXT_MAX,
        placeholder: 'Alert fired: checkout error rate above 5%',
        initial: values.text,
      }),
    ),
    inputBlock('Date', datepicker(Field.entryDate, values.date)),
    inputBlock('Time', timepicker(Field.entryTime, values.time), { hint: `In your time zone (${timeZone}).` }),
  ];
}

/** A hand-written entry for something that happened outside Slack, optionally a milestone. */
export function addEntryModal(incident: Incident, now: { date: string; time: string }, metadata: EntryModalMetadata): ModalView {
  return modal({
    callbackId: CallbackId.timelineAddEntry,
    title: 'Add to timeline',
    submit: 'Add',
    close: 'Cancel',
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      contextLine(escapeAndTruncate(incident.title, 2000)),
      ...entryInputs({ text: '', ...now }, metadata.timeZone),
      inputBlock('Milestone', staticSelect(Field.milestone, MILESTONES.map(milestoneOption), { placeholder: 'None' }), {
        optional: true,
        hint: "Sets the incident's matching time, used for time to detect and resolve.",
      }),
    ],
  });
}

export function editEntryModal(entry: TimelineEntry, local: { date: string; time: string }, metadata: EntryModalMetadata): ModalView {
  // A captured message is shown as it reads, not as Slack encodes it.
  const text = entry.kind === 'system' ? '' : entry.kind === 'message' ? typedFromSlackText(entry.text) : entry.text;
  return modal({
    callbackId: CallbackId.timelineEditEntry,
    title: 'Correct entry',
    submit: 'Save',
    close: 'Cancel',
    privateMetadata: JSON.stringify(metadata),
    blocks: entryInputs({ text, ...local }, metadata.timeZone),
  });
}

export function deleteEntryModal(entry: TimelineEntry, metadata: EntryModalMetadata): ModalView {
  return modal({
    callbackId: CallbackId.timelineDeleteEntry,
    title: 'Delete entry',
    submit: 'Delete',
    close: 'Keep it',
    privateMetadata: JSON.stringify(metadata),
    blocks: [mrkdwnSection('Remove this entry from the timeline?'), mrkdwnSection(entryText(entry))],
  });
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

/** The shortcut's one-section answer: while the message is being added, and what became of it. */
const shortcutAnswer = (text: string): ModalView =>
  modal({ callbackId: CallbackId.timelineAdded, title: 'Add to timeline', close: 'Close', blocks: [mrkdwnSection(text)] });

/** Somewhere to say that the message is being added (the membership check can take a moment). */
export function addingToTimelineView(): ModalView {
  return shortcutAnswer(':hourglass_flowing_sand: Adding the message to the timeline…');
}

/** From a channel that is not an incident's: which open incident should the message go to? */
export function pickIncidentModal(incidents: Incident[], metadata: PickIncidentMetadata): ModalView {
  const view = { callbackId: CallbackId.timelinePickIncident, title: 'Add to timeline', close: 'Cancel', privateMetadata: carriedMessage(metadata) };
  if (incidents.length === 0) {
    return modal({ ...view, blocks: [mrkdwnSection('There is no open incident to add this message to.')] });
  }
  const incidentOption = (i: Incident) => option(`${i.severity} ${i.title}`.slice(0, 75), i.id);
  return modal({
    ...view,
    submit: 'Add',
    blocks: [
      inputBlock('Incident', staticSelect(Field.incident, incidents.slice(0, 100).map(incidentOption), { placeholder: 'Pick the incident' })),
      contextLine("The entry keeps the message's own time."),
    ],
  });
}

/** Shown after the shortcut's pick: where the message went, or why it did not. */
export function addedToTimelineView(channelId: string | null, added: boolean, problem?: string): ModalView {
  const text = problem
    ? `:warning: ${escapeAndTruncate(problem, 2000)}`
    : added
      ? `:memo: Added to the timeline of <#${channelId}>, at the message's own time.`
      : `That message is already on the timeline of <#${channelId}>.`;
  return shortcutAnswer(text);
}
