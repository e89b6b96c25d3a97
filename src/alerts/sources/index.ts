import type { AlertSource, ParsedAlertPayload } from '../alert-notification';
import { parseAlertmanager } from './alertmanager';
import { parseGeneric } from './generic';
import { parseGrafana } from './grafana';
import { parseOpsgenie } from './opsgenie';
import { parsePagerDuty } from './pagerduty';

const PARSERS: Record<AlertSource, (body: unknown, receivedAt: Date) => ParsedAlertPayload> = {
  alertmanager: parseAlertmanager,
  grafana: parseGrafana,
  pagerduty: parsePagerDuty,
  opsgenie: parseOpsgenie,
  generic: parseGeneric,
};

/**
 * Reads a source's JSON body into the normalised notification, or says it is not about an
 * alert firing or resolving. Throws AppError `invalid_input` naming the field that is wrong.
 * `receivedAt` stands in for times a payload does not carry (a generic alert's start, the end
 * of an alert resolved without an end time).
 */
export function parseAlertPayload(source: AlertSource, body: unknown, receivedAt: Date): ParsedAlertPayload {
  return PARSERS[source](body, receivedAt);
}
