import { actionItemsFor } from '../action-items/action-item-service';
import { toStoredInstant } from '../db/instant';
import type { Incident } from '../incidents/incident';
import { loadIncident } from '../incidents/incident-queries';
import { refreshIncident } from '../incidents/change-incident';
import { STATUS_LABELS } from '../incidents/status';
import { type IndexEntry, postmortemIndex } from '../render/postmortem-index';
import { postmortemMarkdown } from '../render/postmortem-markdown';
import { incidentMetrics } from './incident-metrics';
import type { PostmortemDeps } from './postmortem-deps';
import { archivePathOf, postmortemFileOf, postmortemSlug } from './postmortem-file';
import { postmortemFor } from './postmortem-queries';
import {
  claimExport,
  claimFailureNotice,
  dueExports,
  findExport,
  markExportFailed,
  markExported,
  publishedIncidentIds,
  wantExport,
  type PostmortemExportRow,
} from './postmortem-exports.repository';
import { buildDocument } from './build-document';
import { phaseChartPathBeside, phaseChartPng } from './phase-chart-png';
import { archiveLinkOf, archived } from './archive-link';

/** Exports looked at per run. */
const BATCH = 20;
/** Longer than a push takes (its git commands time out sooner); a dead process's exports wait this long. */
export const EXPORT_LEASE_MS = 5 * 60_000;
/** Retries after a failure: 1 min, 5 min, 30 min, then every hour until it works. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 60 * 60_000];

/**
 * Asks for the post-mortem's current version to go to the repository: after publishing, and
 * after any change a published post-mortem shows (an action item done). The push job does it.
 */
export async function requestExport(deps: PostmortemDeps, incident: Pick<Incident, 'id' | 'isPrivate'>, publisherId: string | null): Promise<void> {
  if (!archived(deps, incident)) return;
  await wantExport(deps.db, incident.id, publisherId, deps.clock.now());
  deps.archive?.requested?.();
}

/** The link to the post-mortem's file once a version of it is in the repository: what the card shows. */
export async function exportedPostmortemLink(deps: PostmortemDeps, incidentId: string): Promise<string | null> {
  if (!deps.archive) return null;
  const row = await findExport(deps.db, incidentId);
  if (!row || row.pushed_version === 0) return null;
  return archiveLinkOf(deps, await loadIncident(deps.db, incidentId));
}

/**
 * Pushes every post-mortem whose wanted version is not in the repository yet, one process per
 * post-mortem: the current document and the regenerated index in one commit. A version already
 * there (a push whose answer was lost) is recorded, not committed again. Returns how many were pushed.
 */
export async function pushDueExports(deps: PostmortemDeps): Promise<number> {
  if (!deps.archive) return 0;
  const now = deps.clock.now();
  let pushed = 0;
  for (const due of await dueExports(deps.db, toStoredInstant(now), BATCH)) {
    const heldUntil = toStoredInstant(new Date(now.getTime() + EXPORT_LEASE_MS));
    const claimed = await claimExport(deps.db, due.incident_id, toStoredInstant(now), heldUntil);
    if (!claimed) continue;
    if (await pushOne(deps, claimed, heldUntil)) pushed += 1;
  }
  return pushed;
}

async function pushOne(deps: PostmortemDeps, row: PostmortemExportRow, heldUntil: string): Promise<boolean> {
  const archive = deps.archive!;
  const log = deps.logger.child({ incidentId: row.incident_id, version: row.wanted_version });
  try {
    const incident = await loadIncident(deps.db, row.incident_id);
    const postmortem = await postmortemFor(deps.db, incident.id);
    const doc = await buildDocument(deps, incident, postmortem, await actionItemsFor(deps.db, incident.id));
    const path = archivePathOf(doc.path, archive.policy.dir);
    const slug = postmortemSlug(incident);
    const index = await currentIndex(deps);
    const markdown = postmortemMarkdown(doc);
    // The chart the file shows sits beside it; without one the file is still written.
    const chart = await phaseChartPng(doc).catch((err: unknown) => void log.warn({ err }, 'could not draw the phase chart'));
    const files = { [path]: markdown, ...(chart ? { [phaseChartPathBeside(path)]: chart } : {}), [archivePathOf('incidents/README.md', archive.policy.dir)]: index };
    const message = row.pushed_version === 0 ? `docs(incidents): add post-mortem for ${slug}` : `docs(incidents): update post-mortem for ${slug}`;
    const saved = await archive.store.save({ files, message });
    await markExported(deps.db, incident.id, row.wanted_version, saved.commit, deps.clock.now(), heldUntil);
    // Another replica may have pushed its index over ours, or published meanwhile: the index in git
    // must end up listing what the database says, so a stale one asks for one more version.
    if ((await currentIndex(deps)) !== index) await wantExport(deps.db, incident.id, null, deps.clock.now());
    log.info({ commit: saved.commit, changed: saved.changed }, 'post-mortem written to git');
    // The first version in the repository puts its link on the card.
    if (row.pushed_version === 0) {
      await refreshIncident(deps.incidents, incident.id).catch((err: unknown) => log.warn({ err }, 'could not show the post-mortem link on the card'));
    }
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const retryAt = (n: number) => new Date(deps.clock.now().getTime() + (RETRY_DELAYS_MS[Math.min(n, RETRY_DELAYS_MS.length) - 1] ?? 0));
    const attempts = await markExportFailed(deps.db, row.incident_id, reason, retryAt, deps.clock.now(), heldUntil);
    log.warn({ err: error, attempts }, 'writing the post-mortem to git failed; will retry');
    const publisher = row.publisher_id;
    if (publisher && (await claimFailureNotice(deps.db, row.incident_id, deps.clock.now()))) {
      await loadIncident(deps.db, row.incident_id)
        .then((incident) => deps.port.tellArchiveFailure(publisher, incident, reason))
        .catch((err: unknown) => log.warn({ err }, 'could not tell the publisher'));
    }
    return false;
  }
}

/** The repository's index as it should be now: every post-mortem that belongs there. */
export async function currentIndex(deps: PostmortemDeps): Promise<string> {
  return postmortemIndex(await indexEntries(deps));
}

/** Every post-mortem that belongs in the repository, as its index lists it. */
async function indexEntries(deps: PostmortemDeps): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const id of await publishedIncidentIds(deps.db)) {
    const incident = await loadIncident(deps.db, id);
    if (!archived(deps, incident)) continue;
    const metrics = incidentMetrics(incident);
    entries.push({
      impactStartedAt: incident.impactStartedAt,
      severity: incident.severity,
      title: incident.title,
      status: STATUS_LABELS[incident.status],
      timeToDetectMs: metrics.timeToDetectMs,
      timeToResolveMs: metrics.timeToResolveMs,
      // Relative to the index, which sits in the same folder.
      path: archivePathOf(postmortemFileOf(incident), ''),
    });
  }
  return entries;
}
