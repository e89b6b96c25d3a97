import type { StatusCategoryKey, TransitionInput, WorkflowInput } from './types';

/**
 * Jira's fixed status categories. The ids and colours are Jira Cloud's own (`/rest/api/3/statuscategory`):
 * a sync must test the key, never the status name, since "Done", "Closed" and "Won't Do" all end work.
 */
export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; name: string; colorName: string }> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

/**
 * A team-managed style workflow with two ways to finish (Done, Won't Do) and a way back. The
 * transition ids are deliberately not 1, 2, 3: a bot that hard-codes ids instead of choosing by
 * destination category fails against it.
 */
export const DEFAULT_WORKFLOW: WorkflowInput = {
  statuses: [
    { id: '10000', name: 'To Do', category: 'new' },
    { id: '10001', name: 'In Progress', category: 'indeterminate' },
    { id: '10002', name: 'Done', category: 'done', resolution: 'Done' },
    { id: '10003', name: "Won't Do", category: 'done', resolution: "Won't Do" },
  ],
  transitions: [
    { id: '11', name: 'To Do', to: '10000', from: ['10001'] },
    { id: '21', name: 'In Progress', to: '10001', from: ['10000'] },
    { id: '31', name: 'Done', to: '10002', from: ['10000', '10001'] },
    { id: '41', name: "Won't Do", to: '10003', from: ['10000', '10001'] },
    { id: '51', name: 'Reopen', to: '10000', from: ['10002', '10003'] },
  ],
  initialStatusId: '10000',
};

/** Jira's default resolutions. */
export const RESOLUTIONS = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\'t be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'All attempts at reproducing this issue failed.' },
];

/** Jira's default priorities; new issues get Medium. */
export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];
export const DEFAULT_PRIORITY_ID = '3';

/** Transitions open from a status: those listing it, and global ones leading elsewhere. */
export function transitionsFrom(workflow: WorkflowInput, statusId: string): TransitionInput[] {
  return workflow.transitions.filter((t) => (t.from ? t.from.includes(statusId) : t.to !== statusId));
}

/** Refuses a workflow whose transitions name statuses it does not have. */
export function checkWorkflow(workflow: WorkflowInput): void {
  const ids = new Set(workflow.statuses.map((s) => s.id));
  if (ids.size === 0) throw new Error('a workflow needs at least one status');
  if (workflow.initialStatusId && !ids.has(workflow.initialStatusId)) throw new Error(`initial status ${workflow.initialStatusId} is not in the workflow`);
  for (const t of workflow.transitions) {
    for (const id of [t.to, ...(t.from ?? [])]) if (!ids.has(id)) throw new Error(`transition ${t.id} (${t.name}) names unknown status ${id}`);
  }
  for (const s of workflow.statuses) {
    if (s.resolution && !RESOLUTIONS.some((r) => r.name === s.resolution)) throw new Error(`status ${s.name}: unknown resolution ${s.resolution}`);
  }
}
