import type { AlertLinks } from '../alert-notification';
import { firstHttpUrl } from './http-url';

/**
 * The links that survived, without keys for the missing ones. Each entry lists the candidate
 * values in order of preference; the first http(s) URL wins.
 */
export function alertLinks(candidates: { [K in keyof AlertLinks]-?: unknown[] }): AlertLinks {
  const links: AlertLinks = {};
  for (const key of Object.keys(candidates) as Array<keyof AlertLinks>) {
    const url = firstHttpUrl(...candidates[key]);
    if (url) links[key] = url;
  }
  return links;
}
