import { RESOLUTION_NOTE_MAX } from './incident';

/** The one-line note a resolution needs; null when it is fine. */
export function validateResolutionNote(note: string): string | null {
  const trimmed = note.trim();
  if (!trimmed) return 'Say in one line what ended the impact.';
  // It is shown after "Resolution:" on the card; a line break would start a line of its own.
  if (/[\r\n]/.test(trimmed)) return 'Keep the resolution note on one line; details belong in the post-mortem.';
  if (trimmed.length > RESOLUTION_NOTE_MAX) {
    return `Keep the resolution note to ${RESOLUTION_NOTE_MAX} characters (it has ${trimmed.length}); details belong in the post-mortem.`;
  }
  return null;
}
