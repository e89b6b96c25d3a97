export { FakeJira } from './fake-jira';
export type * from './types';
export { adfFromText, adfToText, checkAdf } from './adf';
export { jiraWebhookSignature } from './webhook-signature';
export { DEFAULT_WORKFLOW, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES } from './workflow';
export { allOperations, checkRequestBody, checkResponse, checkWebhookPayload, operationById, requestExample, responseExample, type Operation } from './jira-reference';
export type { ErrorCollection } from './jira-error';
