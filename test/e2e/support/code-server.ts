// A real VS Code for the tests: code-server (the open-source workbench and a Node
// extension host) in a throw-away profile, with the packaged extension installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export interface CodeServerOptions {
  /** VSIX files installed with `--install-extension`, as a user would. */
  vsixFiles: string[];
  /** Files written into installed extensions' folders after installation. */
  extraFiles?: ExtraFiles[];
  /** User settings (settings.json of the test profile). */
  settings: Record<string, unknown>;
}

export interface CodeServer {
  readonly url: string;
  /** The workbench with the workspace folder open. */
  readonly workbenchUrl: string;
  readonly workspace: string;
  /** The extension host's log: activation and errors of every extension. */
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
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  mkdirSync(workspace);
  // An empty config: code-server would otherwise write one (with a password) to ~/.config.
  writeFileSync(config, '');
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(options.settings, null, 2));

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

/** The server's environment, minus what would send the extension elsewhere than the simulator. */
function testEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OLLAMA_HOST;
  delete env.LANGSMITH_TRACING;
  delete env.LANGCHAIN_TRACING_V2;
  return env;
}

function readExtensionHostLog(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '(no logs yet)';
  const parts: string[] = [];
  for (const stamp of readdirSync(logs).sort()) {
    const exthost = join(logs, stamp, 'exthost1', 'remoteexthost.log');
    if (existsSync(exthost)) parts.push(readFileSync(exthost, 'utf8'));
  }
  return parts.join('\n') || '(no extension host log)';
}
