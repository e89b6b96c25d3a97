import { NOT_PLANNED, type JiraStatus } from './jira-issue';

/** A transition as `GET /issue/{key}/transitions?expand=transitions.fields` lists it. */
export interface JiraTransition {
  id: string;
  name: string;
  to?: JiraStatus;
  /** The transition screen's fields; `resolution` among them when the workflow asks for one. */
  fields?: Record<string, { required?: boolean; allowedValues?: Array<{ id?: string; name?: string }> }>;
}

/** What closing needs: the transition to make and, when its screen has one, the resolution to send. */
export interface ClosingMove {
  transition: JiraTransition;
  resolution?: { id: string };
}

const categoryOf = (t: JiraTransition) => t.to?.statusCategory?.key;
const looksNotPlanned = (t: JiraTransition) => NOT_PLANNED.test(t.to?.name ?? '') || NOT_PLANNED.test(t.name);

/**
 * The transition that closes an issue as `done` or `not_planned`, chosen by destination status
 * category (transition ids and names differ per workflow): among those leading to a done-category
 * status, one whose name says won't-do for `not_planned`, one that does not for `done`, else any.
 * A screen asking for a resolution gets one that says the same. Undefined when no transition
 * leads to a done-category status.
 */
export function closingMove(transitions: JiraTransition[], state: 'done' | 'not_planned'): ClosingMove | undefined {
  const closing = transitions.filter((t) => categoryOf(t) === 'done');
  const wanted = state === 'not_planned';
  const transition = closing.find((t) => looksNotPlanned(t) === wanted) ?? closing[0];
  if (!transition) return undefined;
  const resolution = resolutionFor(transition, state);
  return resolution ? { transition, resolution } : { transition };
}

/**
 * A resolution for the transition's screen, when it has the field: for `not_planned` a won't-do
 * one; for `done` Done/Fixed/Resolved, else any that is not won't-do. Without an obvious one the
 * field is left to the workflow, unless it is required, when the first allowed value is sent
 * rather than having Jira refuse the transition.
 */
function resolutionFor(transition: JiraTransition, state: 'done' | 'not_planned'): { id: string } | undefined {
  const field = transition.fields?.resolution;
  if (!field) return undefined;
  const allowed = (field.allowedValues ?? []).filter((r): r is { id: string; name?: string } => typeof r.id === 'string');
  const notPlanned = (r: { name?: string }) => NOT_PLANNED.test(r.name ?? '');
  const chosen =
    state === 'not_planned'
      ? (allowed.find((r) => /won.?t do|not.?planned/i.test(r.name ?? '')) ?? allowed.find(notPlanned))
      : (allowed.find((r) => /^(done|fixed|resolved|complete)/i.test(r.name ?? '')) ?? allowed.find((r) => !notPlanned(r)));
  const resolution = chosen ?? (field.required ? allowed[0] : undefined);
  return resolution ? { id: resolution.id } : undefined;
}

/**
 * The transition that reopens an issue: to a To Do (`new`) or In Progress (`indeterminate`)
 * status, preferring one named Reopen, then one back to To Do. Undefined when there is none.
 */
export function reopeningTransition(transitions: JiraTransition[]): JiraTransition | undefined {
  const opening = transitions.filter((t) => categoryOf(t) === 'new' || categoryOf(t) === 'indeterminate');
  return opening.find((t) => /reopen/i.test(t.name)) ?? opening.find((t) => categoryOf(t) === 'new') ?? opening[0];
}

/** `Done → Done, Won't Do → Won't Do`: what a workflow offers, for an error message. */
export function describeTransitions(transitions: JiraTransition[]): string {
  if (transitions.length === 0) return 'no transitions';
  return transitions.map((t) => `${t.name} → ${t.to?.name ?? '?'} (${categoryOf(t) ?? 'unknown category'})`).join(', ');
}
