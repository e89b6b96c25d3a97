import { ChannelTopics } from '../../../src/slack/web-api/channel-topics';

/** Records each topic Slack was asked to set; `refuseNext` makes the next set fail. */
function fakeSlack() {
  const sets: string[] = [];
  let refuse = false;
  return {
    sets,
    refuseNext: () => (refuse = true),
    setter: (topic: string) => async () => {
      sets.push(topic);
      await Promise.resolve();
      if (refuse) {
        refuse = false;
        throw new Error('Slack refused the request (ratelimited).');
      }
    },
  };
}

describe('ChannelTopics', () => {
  it('sets a topic once, and again only when its text changes', async () => {
    const slack = fakeSlack();
    const topics = new ChannelTopics();
    for (const topic of ['SEV2 · Investigating', 'SEV2 · Investigating', 'SEV1 · Investigating', 'SEV1 · Investigating']) {
      await topics.set('C1', topic, slack.setter(topic));
    }
    await topics.set('C2', 'SEV1 · Investigating', slack.setter('SEV1 · Investigating'));
    expect(slack.sets).toEqual(['SEV2 · Investigating', 'SEV1 · Investigating', 'SEV1 · Investigating']);
  });

  it('shares a set under way, and sets again after one failed', async () => {
    const slack = fakeSlack();
    const topics = new ChannelTopics();
    slack.refuseNext();
    const together = [topics.set('C1', 'SEV1', slack.setter('SEV1')), topics.set('C1', 'SEV1', slack.setter('SEV1'))];
    const outcomes = await Promise.allSettled(together);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await topics.set('C1', 'SEV1', slack.setter('SEV1'));
    expect(slack.sets).toEqual(['SEV1', 'SEV1']);
  });

  it('sets every topic while another process may have set one since', async () => {
    let alone = true;
    const slack = fakeSlack();
    const topics = new ChannelTopics(() => alone);
    await topics.set('C1', 'SEV1', slack.setter('SEV1'));
    alone = false;
    await topics.set('C1', 'SEV1', slack.setter('SEV1'));
    // What was remembered before the other process came is not believed once it has gone.
    alone = true;
    await topics.set('C1', 'SEV1', slack.setter('SEV1'));
    await topics.set('C1', 'SEV1', slack.setter('SEV1'));
    expect(slack.sets).toEqual(['SEV1', 'SEV1', 'SEV1']);
  });
});
