import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { IncidentDeps } from '../../incidents/incident-deps';
import type { Logger } from '../../logger';
import type { TimelineDeps } from '../../timeline/timeline-deps';
import { SlackIncidentPort } from '../slack-incident-port';
import { SlackTimelinePort } from '../slack-timeline-port';
import type { PostmortemDeps } from '../../postmortems/postmortem-deps';
import { SlackPostmortemPort } from '../slack-postmortem-port';
import type { ReminderDeps } from '../../action-items/send-due-reminders';
import { SlackReminderPort } from '../slack-reminder-port';

/** What listeners may use. Passed explicitly so tests build it without global mocks. */
export interface ListenerDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'incidentsChannel' | 'timelineEmoji' | 'postmortems' | 'reminders'>;
}

/** The incident service's dependencies for one request, talking to Slack with its client. */
export function incidentDeps(deps: ListenerDeps, client: WebClient, botUserId: string | undefined): IncidentDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    port: new SlackIncidentPort(client, { incidentsChannel: deps.config.incidentsChannel, botUserId }),
    policy: deps.config.postmortems,
  };
}

/** The timeline's dependencies for one request. */
export function timelineDeps(deps: ListenerDeps, client: WebClient, botUserId: string | undefined): TimelineDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    port: new SlackTimelinePort(client, { emoji: deps.config.timelineEmoji, botUserId }),
  };
}

/** Post-mortems' dependencies for one request. */
export function postmortemDeps(deps: ListenerDeps, client: WebClient, botUserId: string | undefined): PostmortemDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    port: new SlackPostmortemPort(client),
    incidents: incidentDeps(deps, client, botUserId),
    policy: deps.config.postmortems,
  };
}

/** Action-item reminders' dependencies, over a Web API client. */
export function reminderDeps(deps: ListenerDeps, client: WebClient): ReminderDeps {
  return { db: deps.db, clock: deps.clock, logger: deps.logger, port: new SlackReminderPort(client), policy: deps.config.reminders };
}
