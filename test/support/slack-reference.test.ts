import { documentedErrors, eventScopes, methodNames, methodSpec, requiredArgs, scopesFor } from '../../tools/fake-slack/slack-reference';

describe('slack-reference', () => {
  it('loads the vendored method specs', () => {
    expect(methodNames()).toEqual(expect.arrayContaining(['chat.postMessage', 'views.open', 'files.completeUploadExternal']));
    expect(methodSpec('chat.postMessage')?.args?.required).toEqual(['token', 'channel']);
    expect(methodSpec('no.such.method')).toBeUndefined();
  });

  it('gives the bot scopes a method accepts, or null when it needs none', () => {
    expect(scopesFor('chat.postMessage')).toEqual(['chat:write']);
    expect(scopesFor('views.open')).toBeNull();
    expect(scopesFor('auth.test')).toBeNull();
    expect(() => scopesFor('no.such.method')).toThrow(/No Slack reference data/);
  });

  it('gives required arguments without the token, and documented errors', () => {
    expect(requiredArgs('reactions.add')).toEqual(['name', 'timestamp', 'channel']);
    expect(documentedErrors('views.push')).toContain('push_limit_reached');
  });

  it('gives event scopes, message subtypes included', () => {
    expect(eventScopes('reaction_added')).toEqual(['reactions:read']);
    expect(eventScopes('app_home_opened')).toEqual([]);
    expect(eventScopes('message.channels')).toEqual(['channels:history']);
    expect(eventScopes('message_changed')).toContain('channels:history');
  });
});
