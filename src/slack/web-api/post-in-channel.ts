import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { requiredField } from './required-field';
import { slackCall, slackErrorCode, toAppError } from './slack-call';

/**
 * Posts in a configured channel and returns the message's ts. A public channel the bot was never
 * invited to is joined first rather than failing what the post belongs to (a declaration, an offer).
 */
export async function postInChannel(client: WebClient, message: ChatPostMessageArguments & { channel: string }): Promise<string> {
  const post = () => client.chat.postMessage(message);
  let result;
  try {
    result = await post();
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw toAppError(error);
    await slackCall(() => client.conversations.join({ channel: message.channel }));
    result = await slackCall(post);
  }
  return requiredField(result.ts, 'chat.postMessage', 'message ts');
}
