import type { TrackerConfig } from '../config';
import { GitHubTracker } from './github/github-tracker';
import { JiraTracker } from './jira/jira-tracker';
import type { Tracker } from './tracker';

/** The configured tracker's adapter. */
export function createTracker(config: TrackerConfig): Tracker {
  return config.kind === 'github' ? new GitHubTracker(config) : new JiraTracker(config);
}
