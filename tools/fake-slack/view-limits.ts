import { checkBlocks } from './block-kit-limits';

/** Limits of the view object itself (around its blocks), from Slack's views reference. */
export const VIEW_LIMITS = {
  titleText: 24,
  submitText: 24,
  closeText: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

type Json = Record<string, unknown>;

/**
 * Problems with a view payload for views.open/push/update/publish or a view_submission response;
 * empty when Slack would accept it. `allowedTypes` is what the calling method accepts.
 */
export function checkView(view: unknown, allowedTypes: ReadonlyArray<'modal' | 'home'>): string[] {
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return ['view: must be a JSON object'];
  const v = view as Json;
  const problems: string[] = [];
  const fail = (path: string, message: string): void => {
    problems.push(`${path}: ${message}`);
  };

  if (v.type !== 'modal' && v.type !== 'home') {
    fail('view.type', 'must be "modal" or "home"');
    return problems;
  }
  if (!allowedTypes.includes(v.type)) {
    fail('view.type', `must be ${allowedTypes.map((t) => JSON.stringify(t)).join(' or ')} for this method`);
  }

  if (v.type === 'modal') {
    if (v.title === undefined) fail('view.title', 'is required');
    else plainText(v.title, 'view.title', VIEW_LIMITS.titleText, fail);
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((block) => (block as Json | null)?.type === 'input');
    if (v.submit !== undefined && v.submit !== null) plainText(v.submit, 'view.submit', VIEW_LIMITS.submitText, fail);
    else if (hasInput) fail('view.submit', 'is required when the view contains input blocks');
    if (v.close !== undefined && v.close !== null) plainText(v.close, 'view.close', VIEW_LIMITS.closeText, fail);
  } else if (v.title !== undefined) {
    plainText(v.title, 'view.title', VIEW_LIMITS.titleText, fail);
  }

  maxString(v.private_metadata, 'view.private_metadata', VIEW_LIMITS.privateMetadata, fail);
  maxString(v.callback_id, 'view.callback_id', VIEW_LIMITS.callbackId, fail);
  maxString(v.external_id, 'view.external_id', VIEW_LIMITS.externalId, fail);

  if (v.blocks === undefined) fail('view.blocks', 'is required');
  else problems.push(...checkBlocks(v.blocks, v.type, 'view.blocks'));
  return problems;
}

function plainText(value: unknown, path: string, max: number, fail: (path: string, message: string) => void): void {
  const text = value as Json | null;
  if (typeof text !== 'object' || text === null || text.type !== 'plain_text') {
    fail(path, 'must be a plain_text object');
  } else if (typeof text.text !== 'string' || text.text.length === 0) {
    fail(`${path}.text`, 'must be a non-empty string');
  } else if (text.text.length > max) {
    fail(`${path}.text`, `must be at most ${max} characters (got ${text.text.length})`);
  }
}

function maxString(value: unknown, path: string, max: number, fail: (path: string, message: string) => void): void {
  if (value === undefined) return;
  if (typeof value !== 'string') fail(path, 'must be a string');
  else if (value.length > max) fail(path, `must be at most ${max} characters (got ${value.length})`);
}
