import type { RemoteAccess } from './remote-access';

/**
 * Inherited variables that would point git at another repository, slip in settings or
 * credentials of their own, trace requests to a file, or translate the messages we classify.
 */
const STRIPPED =
  /^(?:GIT_(?:DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|TRACE\w*|ASKPASS|AUTHOR_\w+|COMMITTER_\w+|EDITOR|SEQUENCE_EDITOR|PAGER|QUARANTINE_PATH)|SSH_ASKPASS|LANG|LANGUAGE|LC_\w+)$/;

/**
 * Settings every command runs with, whatever the host's own git configuration says: the working
 * copy belongs to the bot, so no hook, signing prompt, line-ending rewrite, background gc or
 * file-system monitor of the operator's may act on it.
 */
const FIXED_CONFIG: Array<[string, string]> = [
  ['core.hooksPath', '/dev/null'],
  ['core.autocrlf', 'false'],
  ['core.fsmonitor', 'false'],
  ['core.askPass', ''],
  ['commit.gpgSign', 'false'],
  ['gc.autoDetach', 'false'],
  ['advice.detachedHead', 'false'],
  ['init.defaultBranch', 'main'],
  ['submodule.recurse', 'false'],
];

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The whole environment of one git command: never prompts (no terminal, no askpass, ssh in batch
 * mode), never looks above `ceiling` for a repository (a broken working copy must not be mistaken
 * for the bot's own checkout around it), speaks English, and carries the remote's credentials.
 */
export function gitEnvironment(
  access: RemoteAccess,
  options: { ceiling: string; identity: GitIdentity },
  inherited: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) if (!STRIPPED.test(name)) env[name] = value;
  const config = [...FIXED_CONFIG, ...access.config];
  Object.assign(env, access.env, {
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    SSH_ASKPASS_REQUIRE: 'never',
    LC_ALL: 'C',
    GIT_CEILING_DIRECTORIES: options.ceiling,
    GIT_AUTHOR_NAME: options.identity.name,
    GIT_AUTHOR_EMAIL: options.identity.email,
    GIT_COMMITTER_NAME: options.identity.name,
    GIT_COMMITTER_EMAIL: options.identity.email,
    GIT_CONFIG_COUNT: String(config.length),
  });
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
