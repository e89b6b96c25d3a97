import { fromStoredInstant } from '../db/instant';
import { type BlamelessNote, EMPTY_CONTENT, type Postmortem, type PostmortemContent } from './postmortem';
import type { PostmortemRow } from './postmortems.repository';

/** Stored content merged over the empty shape, so fields added later read as empty, not missing. */
export function parseContent(json: string): PostmortemContent {
  const stored = JSON.parse(json) as Partial<PostmortemContent>;
  return { ...EMPTY_CONTENT, ...stored, causes: { ...EMPTY_CONTENT.causes, ...stored.causes } };
}

export function toPostmortem(row: PostmortemRow): Postmortem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    content: parseContent(row.content),
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at ? fromStoredInstant(row.updated_at) : null,
    authorIds: row.author_ids ? row.author_ids.split(',') : [],
    publishedAt: row.published_at ? fromStoredInstant(row.published_at) : null,
    publishedBy: row.published_by,
    overriddenNotes: row.overridden_notes ? (JSON.parse(row.overridden_notes) as BlamelessNote[]) : [],
  };
}

/** The post-mortem of an incident nobody has saved yet: empty, at version 0. */
export function unsavedPostmortem(incidentId: string): Postmortem {
  return {
    id: '',
    incidentId,
    content: EMPTY_CONTENT,
    version: 0,
    updatedBy: null,
    updatedAt: null,
    authorIds: [],
    publishedAt: null,
    publishedBy: null,
    overriddenNotes: [],
  };
}
