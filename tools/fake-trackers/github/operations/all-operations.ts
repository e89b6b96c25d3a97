import { assigneeOperations } from './assignees';
import { commentOperations } from './comments';
import { issueOperations } from './issues';
import type { OperationTable } from './operation-context';
import { repositoryOperations } from './repos';
import { searchOperations } from './search';
import { userOperations } from './users';

/**
 * The operations the fake implements. The reference data has more (pull requests, git refs,
 * repository contents, for publishing post-mortems to a repository); a call to one of those is
 * routed and checked, then refused with 501 and noted as a problem, never answered with made-up data.
 */
export const ALL_OPERATIONS: OperationTable = {
  ...userOperations,
  ...repositoryOperations,
  ...issueOperations,
  ...commentOperations,
  ...assigneeOperations,
  ...searchOperations,
};
