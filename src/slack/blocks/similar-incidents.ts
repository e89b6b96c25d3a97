import type { KnownBlock } from '@slack/types';
import { escapeAndTruncate } from '../../mrkdwn/escape';
import type { SimilarIncident, SimilarityReason } from '../../recurrence/past-incident';
import { pastIncidentMrkdwn } from '../../render/related-incidents';
import type { SlackMessage } from '../../render/slack-message';
import { contextLine, mrkdwnSection } from './block-kit';

const NAMES_SHOWN = 3;

const list = (names: string[]) => {
  const shown = names.slice(0, NAMES_SHOWN).map((n) => escapeAndTruncate(n, 80));
  return names.length > NAMES_SHOWN ? `${shown.join(', ')}…` : shown.join(', ');
};

/** Why it was suggested, in a few words: "same alert group, alert HighErrorRate, similar title". */
export function reasonWords(reasons: readonly SimilarityReason[]): string {
  return reasons
    .map(({ kind, names }) => {
      switch (kind) {
        case 'groups':
          return 'same alert group';
        case 'alerts':
          return names.length ? `alert ${list(names)}` : 'same alert';
        case 'services':
          return names.length ? `service ${list(names)}` : 'same service';
        case 'tags':
          return names.length ? `${names.length === 1 ? 'tag' : 'tags'} ${list(names)}` : 'same tags';
        case 'title':
          return 'similar title';
        case 'body':
          return 'similar description';
      }
    })
    .join(', ');
}

/**
 * The one message in an incident channel listing similar past incidents, best first: each with
 * its severity and day, where its post-mortem is, what became of its action items, and why it
 * was suggested. Asks the question it is for: did the last fix work?
 */
export function similarIncidentsMessage(similar: readonly SimilarIncident[]): SlackMessage {
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `:repeat: *This may have happened before.* ${similar.length === 1 ? 'A past incident looks' : `${similar.length} past incidents look`} like this one. Did the last fix work?`,
    ),
    ...similar.map((past) => mrkdwnSection(`${pastIncidentMrkdwn(past)}\n_Similar: ${reasonWords(past.reasons)}_`)),
    contextLine('Found by shared alerts, tags, services and wording; private incidents are never suggested. Keep the ones that are related in the post-mortem.'),
  ];
  const titles = similar.map((p) => escapeAndTruncate(p.title, 80)).join('; ');
  return { text: `Similar past incidents: ${titles}`, blocks };
}
