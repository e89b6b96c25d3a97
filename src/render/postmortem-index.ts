import { humanDuration } from '../duration';

/** One post-mortem as the repository's index lists it. */
export interface IndexEntry {
  impactStartedAt: Date;
  severity: string;
  title: string;
  status: string;
  timeToDetectMs: number | null;
  timeToResolveMs: number | null;
  /** The file, relative to the index. */
  path: string;
}

/** A table cell: one line, no pipe to break the table, no HTML. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').trim() || '—';
}

/** A link target with nothing that ends the Markdown link early. */
const target = (path: string) => path.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));

const duration = (ms: number | null) => (ms === null ? '—' : humanDuration(ms));

/**
 * `incidents/README.md`: every post-mortem in the repository, newest first, regenerated in the
 * same commit as the post-mortem it changed so the two never disagree.
 */
export function postmortemIndex(entries: readonly IndexEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => b.impactStartedAt.getTime() - a.impactStartedAt.getTime() || a.path.localeCompare(b.path))
    .map((e) => {
      const date = e.impactStartedAt.toISOString().slice(0, 10);
      return `| ${date} | ${cell(e.severity)} | [${cell(e.title).replace(/[[\]]/g, '\\$&')}](${target(e.path)}) | ${cell(e.status)} | ${duration(e.timeToDetectMs)} | ${duration(e.timeToResolveMs)} |`;
    });
  return [
    '# Post-mortems',
    '',
    'Written by the incident bot when a post-mortem is published, and kept current as it changes. Newest first.',
    '',
    '| Date | Severity | Title | Status | Time to detect | Time to resolve |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
