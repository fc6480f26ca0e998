// `talking-models worker`: runs queued tournament debates on this machine's Ollama until
// stopped. Its log goes to stderr, a line per thing it does; Ctrl+C puts its debates back in
// the queue (another worker resumes them) and exits 130.
import { listModels } from '../ollama-api';
import { runQueueWorker } from '../queue/queue-worker';
import { checkRedis } from '../queue/redis-connection';
import { displayRedisUrl } from '../queue/redis-url';
import { withoutPassword } from '../text-safety';
import { CliError, stoppedExitCode, type CliIo } from './io';
import { hostOption, ollamaFailureMessage } from './ollama-access';
import type { WorkerCommand } from './queue-worker-args';
import { oneLine } from './render';

export async function runWorkerCommand(command: WorkerCommand, io: CliIo): Promise<number> {
  const host = hostOption(command.host, io.env);
  // Both are checked first, so a mistyped address is one line now rather than a retry loop.
  try {
    await listModels(host, io.signal);
  } catch (error) {
    if (io.signal.aborted) return stoppedExitCode(io.signal);
    throw new CliError(ollamaFailureMessage(error, host));
  }
  try {
    await checkRedis(command.queue);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  io.stderr(`talking-models: worker on ${oneLine(displayRedisUrl(command.queue))}, Ollama ${oneLine(withoutPassword(host))}\n`);
  await runQueueWorker({
    redisUrl: command.queue,
    host,
    concurrency: command.concurrency,
    lockDurationMs: command.lockDurationMs,
    refreshMs: command.refreshMs,
    log: (line) => io.stderr(`talking-models: ${oneLine(line)}\n`),
    signal: io.signal,
  });
  return stoppedExitCode(io.signal);
}
