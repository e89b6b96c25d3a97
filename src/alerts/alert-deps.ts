import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { IncidentDeps } from '../incidents/incident-deps';
import type { Logger } from '../logger';
import type { AlertPort } from './alert-port';
import type { AlertRules } from './rules/alert-rules';

export interface AlertPolicy {
  /** Where offers go when no rule names a channel. */
  incidentsChannel?: string;
  /** Offers posted per channel per minute before an alert storm's groups are held in one list. */
  offersPerMinute: number;
  rules: AlertRules;
}

export interface AlertDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  port: AlertPort;
  /** Declaring, linking and showing incidents goes through the incidents feature. */
  incidents: IncidentDeps;
  policy: AlertPolicy;
  /** The bot's own user: the declarer of incidents a rule declares. */
  botUserId?: string;
}
