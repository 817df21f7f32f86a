import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Longest topic name (it becomes part of a registry service name and of store keys). */
export const MAX_TOPIC_LENGTH = 100;
/** Longest consumer group name. */
export const MAX_GROUP_LENGTH = 100;
/** Longest message id and ordering key. */
export const MAX_MESSAGE_ID_LENGTH = 256;

const TOPIC = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;
const GROUP = /^[A-Za-z0-9._:@~-]+$/;

/** Topics: dot-separated words of letters, digits, `_` and `-`, each starting with a letter (`orders.created`). */
export const checkTopicName = (topic: string, field: string): string => {
  if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_TOPIC_LENGTH || !TOPIC.test(topic)) {
    throw new InvalidArgumentError(field,
      `must be 1..${MAX_TOPIC_LENGTH} characters of dot-separated words (letters, digits, _ and -, each starting with a letter)`);
  }
  return topic;
};

/** True for a valid topic name. */
export const isTopicName = (topic: string): boolean =>
  typeof topic === 'string' && topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH && TOPIC.test(topic);

/** Groups: 1..100 letters, digits and `. _ : @ ~ -`. */
export const checkGroupName = (group: string, field: string): string => {
  if (!isGroupName(group)) {
    throw new InvalidArgumentError(field, `must be 1..${MAX_GROUP_LENGTH} characters of letters, digits and . _ : @ ~ -`);
  }
  return group;
};

/** True for a valid group name. */
export const isGroupName = (group: string): boolean =>
  typeof group === 'string' && group.length > 0 && group.length <= MAX_GROUP_LENGTH && GROUP.test(group);

/** Message ids and ordering keys: 1..256 characters without control characters. */
export const checkMessageKey = (text: string, field: string): string => {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_MESSAGE_ID_LENGTH) {
    throw new InvalidArgumentError(field, `must be a string of 1..${MAX_MESSAGE_ID_LENGTH} characters`);
  }
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 32) {
      throw new InvalidArgumentError(field, 'must not contain control characters');
    }
  }
  return text;
};
