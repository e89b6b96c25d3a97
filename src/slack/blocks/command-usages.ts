import { STATUSES } from '../../incidents/status';
import { COMMAND } from '../ids';
import type { CommandUsage } from './help-message';

/** Every `/incident` subcommand as help and the App Home list it, in that order. */
export const COMMAND_USAGES: ReadonlyArray<CommandUsage & { name: string }> = [
  { name: 'declare', usage: `${COMMAND} declare [title]`, summary: 'Declare an incident: a short form, then a dedicated channel with responders' },
  { name: 'status', usage: `${COMMAND} status [${STATUSES.join('|')}]`, summary: 'Update the status (no argument opens a picker)' },
  { name: 'severity', usage: `${COMMAND} severity [SEV1..SEV4]`, summary: 'Change the severity (SEV1 is the most severe)' },
  { name: 'commander', usage: `${COMMAND} commander @person`, summary: 'Hand the incident commander role to someone (they are invited)' },
  { name: 'resolve', usage: `${COMMAND} resolve [what ended the impact]`, summary: 'Resolve the incident with a one-line note (no note opens a form)' },
  { name: 'reopen', usage: `${COMMAND} reopen`, summary: 'Reopen a resolved incident' },
  {
    name: 'timeline',
    usage: `${COMMAND} timeline [add|chart]`,
    summary: 'Show the timeline (corrections from there), add an entry for something outside Slack, or get its phase chart',
  },
  { name: 'account', usage: `${COMMAND} account`, summary: 'Write or change your own account: what you noticed, did and expected, in your own words' },
  { name: 'accounts', usage: `${COMMAND} accounts [request]`, summary: 'Whose accounts are in; `request` asks everyone who took part, in a DM each' },
  { name: 'postmortem', usage: `${COMMAND} postmortem`, summary: 'Write the blameless post-mortem together, review it and publish it' },
  {
    name: 'review',
    usage: `${COMMAND} review <date> <time>`,
    summary: 'Schedule the review meeting in your time zone (e.g. `2026-12-08 14:00`, `tomorrow 2pm`, `friday 9:30`) and invite everyone',
  },
  { name: 'action', usage: `${COMMAND} action add`, summary: 'Add an action item with an owner and a due date' },
  { name: 'actions', usage: `${COMMAND} actions`, summary: 'Your open action items (in an incident channel: that incident’s items and their states)' },
  {
    name: 'insights',
    usage: `${COMMAND} insights [30d|90d|quarter|year]`,
    summary: 'Incidents, times to detect and resolve, post-mortems on time and action items over a period, with a chart (only you see it)',
  },
  { name: 'list', usage: `${COMMAND} list`, summary: 'Show open incidents (only you see the answer)' },
  { name: 'search', usage: `${COMMAND} search <words>`, summary: 'Find past incidents and post-mortems by title, summary, causes, tags and alerts' },
  { name: 'help', usage: `${COMMAND} help`, summary: 'Show what the bot can do and how to use it' },
];
