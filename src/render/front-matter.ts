import { Document } from 'yaml';
import { detectedAt } from '../postmortems/incident-metrics';
import { channelName, channelUrl } from './channel-link';
import type { PostmortemDocument } from './postmortem-document';

/** `2026-05-12T13:46:00Z`: ISO-8601 in UTC, to the second. */
const isoUtc = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

/** Whole minutes, rounded down as the document's "45 min" is, so the two never disagree. */
const minutes = (ms: number | null) => (ms === null ? null : Math.floor(ms / 60_000));

/** Titles, names and tags are one line each: a line break would only make the YAML harder to read. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The YAML front matter that lets scripts and static-site tools read a post-mortem without
 * parsing its prose. Every key is always present (null while unknown) so a reader can rely on the
 * shape. Times are ISO-8601 UTC strings; durations are whole minutes in keys named `_minutes`,
 * measured as the document's "Durations" table says. `status` is the post-mortem's: `draft` or
 * `published`.
 *
 * The YAML is written by the `yaml` library from values, never by hand, so no title can end the
 * block or inject a key. It is written for YAML 1.1 readers (Jekyll, PyYAML) too: values they
 * would read as booleans or dates (`yes`, `2026-05-12`) are quoted, which YAML 1.2 reads the same.
 */
export function postmortemFrontMatter(doc: PostmortemDocument): string {
  const { incident, postmortem, metrics } = doc;
  const data = {
    id: incident.id,
    title: oneLine(incident.title),
    severity: incident.severity,
    status: postmortem.publishedAt ? 'published' : 'draft',
    impact_started: isoUtc(incident.impactStartedAt),
    detected: isoUtc(detectedAt(incident)),
    declared: isoUtc(incident.declaredAt),
    mitigated: isoUtc(incident.mitigatedAt),
    resolved: isoUtc(incident.resolvedAt),
    impact_minutes: minutes(metrics.impactMs),
    ttd_minutes: minutes(metrics.timeToDetectMs),
    ttm_minutes: minutes(metrics.timeToMitigateMs),
    ttr_minutes: minutes(metrics.timeToResolveMs),
    tags: postmortem.content.tags.map(oneLine).filter(Boolean),
    channel: channelUrl(doc) ?? channelName(doc),
    authors: postmortem.authorIds.map((id) => oneLine(doc.person(id))),
    // Null until a meeting is scheduled: the draft's bare date has no time or zone to give.
    review_meeting: isoUtc(doc.meeting?.startsAt ?? null),
  };
  const yaml = new Document(data, { version: '1.1' });
  // For whoever reads the raw file: the units, and where the durations are defined.
  yaml.commentBefore = ' Times in UTC. Durations in whole minutes, measured as the "Durations" table below says.';
  return `---\n${yaml.toString({ lineWidth: 0 })}---\n`;
}
