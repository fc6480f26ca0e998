// A real VS Code for the tests: code-server (the open-source workbench and a Node
// extension host) in a throw-away profile, with the packaged extension installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER_BIN, requireFile } from './paths';
import { startProcessGroup, type StartedProcess } from './process-group';

const run = promisify(execFile);

export interface ExtraFiles {
  /** The installed extension's folder name: `publisher.name-version`. */
  extension: string;
  /** File name to content, e.g. the harness's run configuration. */
  files: Record<string, string>;
}

/** The throw-away profile's folders, all under one temp folder removed by `stop()`. */
export interface TestProfile {
  readonly root: string;
  readonly userDataDir: string;
  readonly workspace: string;
  /** Where the extension keeps every debate (`talkingModels.libraryFolder`): never the user's own library. */
  readonly libraryFolder: string;
}

export interface CodeServerOptions {
  /** VSIX files installed with `--install-extension`, as a user would. */
  vsixFiles: string[];
  /** Files written into installed extensions' folders after installation. */
  extraFiles?: ExtraFiles[];
  /** User settings (User/settings.json of the test profile). */
  settings: Record<string, unknown>;
  /**
   * Settings of the machine the extension host runs on (Machine/settings.json: "Remote" settings
   * in a code-server window). They must point `talkingModels.libraryFolder` into the profile
   * (profile.ts machineSettings does).
   */
  machineSettings: (profile: TestProfile) => Record<string, unknown>;
}

export interface CodeServer {
  readonly url: string;
  readonly profile: TestProfile;
  /** The workbench with the workspace folder open. */
  readonly workbenchUrl: string;
  readonly workspace: string;
  /** The extension host logs of every window load (a reload starts another host) and our extension's own log. */
  extensionHostLog(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const bin = requireFile(CODE_SERVER_BIN, 'npm run provision');
  const root = mkdtempSync(join(tmpdir(), 'talking-models-e2e-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const config = join(root, 'config.yaml');
  const profile: TestProfile = { root, userDataDir, workspace, libraryFolder: join(root, 'library') };
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  mkdirSync(extensionsDir);
  mkdirSync(workspace);
  // An empty config: code-server would otherwise write one (with a password) to ~/.config.
  writeFileSync(config, '');
  const machineSettings = options.machineSettings(profile);
  try {
    requireOwnLibrary(machineSettings, options.settings, root);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(options.settings, null, 2));
  writeFileSync(join(userDataDir, 'Machine/settings.json'), JSON.stringify(machineSettings, null, 2));

  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const installs = options.vsixFiles.flatMap((vsix) => ['--install-extension', vsix]);
  await run(bin, [...common, ...installs], { timeout: 120_000 });
  for (const { extension, files } of options.extraFiles ?? []) {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(extensionsDir, extension, name), content);
  }

  let server: StartedProcess | undefined;
  try {
    server = startProcessGroup(
      bin,
      [
        ...common,
        '--auth', 'none',
        // Port 0: the system picks a free port, which the server then prints.
        '--bind-addr', '127.0.0.1:0',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        workspace,
      ],
      { env: testEnvironment() },
    );
    const [, url] = await server.waitForOutput(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    if (url === undefined) throw new Error('code-server printed no URL');
    const started = server;
    return {
      url,
      profile,
      workbenchUrl: `${url}/?folder=${encodeURIComponent(workspace)}`,
      workspace,
      extensionHostLog: () => readExtensionHostLog(userDataDir),
      stop: async () => {
        await started.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Every debate the extension runs is saved in its library folder, by default the user's own
 * (~/.local/share/talking-models): a test profile must keep its debates in its own temp folder.
 * It goes in the machine settings (profile.ts says why); user settings may not point it
 * anywhere else either.
 */
function requireOwnLibrary(machine: Record<string, unknown>, user: Record<string, unknown>, root: string): void {
  const key = 'talkingModels.libraryFolder';
  const isInside = (folder: unknown): boolean => {
    const below = typeof folder === 'string' && isAbsolute(folder) ? relative(root, folder) : '..';
    return below !== '' && !below.startsWith('..') && !isAbsolute(below);
  };
  if (!isInside(machine[key]) || (key in user && !isInside(user[key]))) {
    throw new Error(`the test profile must set ${key} to a folder under ${root} in its machine settings (profile.ts machineSettings): got ${JSON.stringify(machine[key])}.`);
  }
}

/** The server's environment, minus what would send the extension elsewhere than the simulator. */
function testEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OLLAMA_HOST;
  delete env.TALKING_MODELS_LIBRARY;
  delete env.LANGSMITH_TRACING;
  delete env.LANGCHAIN_TRACING_V2;
  return env;
}

/** Log files of each extension host (exthost1, exthost2 after a reload...): the host's own and ours. */
const HOST_LOGS = ['remoteexthost.log', 'talking-models.talking-models/Talking Models.log'];

function readExtensionHostLog(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '(no logs yet)';
  const parts: string[] = [];
  for (const stamp of readdirSync(logs).sort()) {
    const hosts = readdirSync(join(logs, stamp)).filter((name) => /^exthost\d+$/.test(name));
    hosts.sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
    for (const host of hosts) {
      for (const name of HOST_LOGS) {
        const file = join(logs, stamp, host, name);
        if (existsSync(file)) parts.push(`==> ${stamp}/${host}/${name} <==\n${readFileSync(file, 'utf8')}`);
      }
    }
  }
  return parts.join('\n') || '(no extension host log)';
}
