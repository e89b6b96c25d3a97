import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { transliterate } from 'transliteration';

/** Slack's limit for a channel name. */
export const CHANNEL_NAME_MAX = 80;

/**
 * `inc-YYYYMMDD-<slug>`: the date is the declaration day in UTC, the slug the title folded to
 * lower-case ASCII (accents and other scripts transliterated, everything else a hyphen). A title
 * with nothing usable (only emoji, say) becomes `incident`, so the name is always valid.
 */
export function incidentChannelName(title: string, declaredAt: Date): string {
  const prefix = `inc-${format(declaredAt, 'yyyyMMdd', { in: tz('UTC') })}-`;
  const slug = slugify(title) || 'incident';
  return trimHyphens(`${prefix}${slug}`.slice(0, CHANNEL_NAME_MAX));
}

/** The name to try after `name_taken`: `-2`, `-3`, … shortening the base so it still fits. */
export function withCollisionSuffix(name: string, attempt: number): string {
  if (attempt < 2) return name;
  const suffix = `-${attempt}`;
  return `${trimHyphens(name.slice(0, CHANNEL_NAME_MAX - suffix.length))}${suffix}`;
}

export function slugify(text: string): string {
  return trimHyphens(
    transliterate(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
  );
}

function trimHyphens(text: string): string {
  return text.replace(/^-+|-+$/g, '');
}
