// LangChain bundles LangSmith and turns tracing on when any of these variables is
// "true" (read at every call). A debate's text must never leave the machine, so
// the engine switches them off for the process it runs in.
const TRACING_VARIABLES = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'] as const;

export function disableTracing(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of TRACING_VARIABLES) {
    if (env[name] !== undefined) delete env[name];
  }
}
