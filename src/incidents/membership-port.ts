/**
 * Who may see and change an incident: the members of its channel, as the chat workspace says
 * now (never the stored responder list: people join and leave). One port for every feature.
 */
export interface MembershipPort {
  isMember(channelId: string, userId: string): Promise<boolean>;
}
