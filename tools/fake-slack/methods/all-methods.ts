import { bookmarksMethods } from './bookmarks';
import { chatMethods } from './chat';
import { conversationsMethods } from './conversations';
import { filesMethods } from './files';
import type { MethodTable } from './method-context';
import { pinsMethods } from './pins';
import { reactionsMethods } from './reactions';
import { usersMethods } from './users';
import { viewsMethods } from './views';
import { workspaceInfoMethods } from './workspace-info';

/** Every Web API method the fake implements, by name. */
export const allMethods: MethodTable = {
  ...workspaceInfoMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...viewsMethods,
  ...usersMethods,
  ...reactionsMethods,
  ...pinsMethods,
  ...filesMethods,
  ...bookmarksMethods,
};
