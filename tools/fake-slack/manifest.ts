import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The repository's root, whether this file runs from `tools/fake-slack` or compiled under `dist/`. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'manifest.yml')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

export interface Manifest {
  _metadata?: { major_version?: number };
  features?: { slash_commands?: Array<{ command: string }>; shortcuts?: unknown[]; app_home?: { messages_tab_read_only_enabled?: boolean } };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: { event_subscriptions?: { bot_events?: string[] }; socket_mode_enabled?: boolean };
  [key: string]: unknown;
}

export function loadManifest(): Manifest {
  return parse(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;
}

/** The bot scopes an installed app would hold: the fake Slack grants exactly these. */
export function grantedBotScopes(): string[] {
  return loadManifest().oauth_config?.scopes?.bot ?? [];
}
