export { FakeSlack, type FakeSlackOptions } from './fake-slack';
export { BLOCK_KIT_LIMITS, MESSAGE_BLOCKS_TEXT_LIMIT, blocksTextLength, checkBlocks, type Surface } from './block-kit-limits';
export { VIEW_LIMITS, checkView } from './view-limits';
export { VIEW_STACK_LIMIT } from './view-store';
export { type RateBudget, type RateLimitSetting, rateBudgetOf } from './rate-limits';
export { TRIGGER_ID_LIFETIME_MS } from './trigger-ids';
export { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES, type ResponseUrlTarget } from './response-urls';
export type { AddChannelOptions, AddUserOptions, NewFile } from './workspace';
export type * from './types';
export { messageObject } from './slack-objects';
export {
  SocketModeServer,
  type DisconnectReason,
  type Envelope,
  type EnvelopeAck,
  type EnvelopeInput,
  type EnvelopeType,
  type HelloMessage,
} from './socket-mode';
export { APPS_CONNECTIONS_OPEN } from './methods/apps-connections';
