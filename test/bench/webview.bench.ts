// Webview streaming cost: a 20,000-token debate (20 turns x 1,000 tokens) is
// streamed into the real panel script in headless Chromium, in token batches
// as the host posts them (TokenBatcher: one message per ~24 ms, about one per
// frame). Prints the bytes posted and the renderer main thread's time per token
// for the first and the last 1,000 tokens (Chrome's own TaskDuration metric over
// CDP), and their ratio against the target of 1.5.
import type { CDPSession, Page } from 'playwright-core';
import type { HostMessage } from '../../extension/contract/protocol';
import { runStart, init, status, tokenize, tokenMessages, turnEnd, turnStart } from '../webview/fixtures';
import { bundleWebview, launchChromium, PanelPage, startPanelServer } from '../webview/harness';

const TURNS = 20;
const TOKENS_PER_TURN = 1000;
/** Tokens per posted message: a model at ~120 tokens/s fills a 24 ms batch with about 3. */
const TOKENS_PER_BATCH = 3;
/** Middle turns only build up the transcript: many batches per frame keeps the run short. */
const FAST_BATCHES_PER_FRAME = 40;
const TARGET_RATIO = 1.5;

/** A deterministic generator, so every run streams the same text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const WORDS = ('the argument rests on evidence that cities with fewer cars report cleaner air quieter streets and more local trade '
  + 'yet critics point out that deliveries emergency services and people with disabilities still need access so any ban must '
  + 'be gradual measured and honest about costs however history shows that bold policy often looks reckless until it works').split(' ');

/** About `tokens` tokens of debate-like markdown: paragraphs, now and then a list or a code block. */
function turnText(tokens: number, next: () => number): string[] {
  const out: string[] = [];
  let paragraph = 0;
  while (out.length < tokens) {
    paragraph += 1;
    let block: string;
    if (paragraph % 5 === 0) {
      block = Array.from({ length: 4 }, () => `- ${Array.from({ length: 8 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')}`).join('\n');
    } else if (paragraph % 7 === 0) {
      block = '```ts\nfunction score(city: City): number {\n  return city.air * 2 + city.trade - city.noise;\n}\n```';
    } else {
      const words = Array.from({ length: 30 + Math.floor(next() * 40) }, () => WORDS[Math.floor(next() * WORDS.length)]);
      words[3] = `*${words[3]}*`;
      words[9] = `**${words[9]}**`;
      block = `${words.join(' ')}.`;
    }
    out.push(...tokenize(`${paragraph === 1 ? '' : '\n\n'}${block}`));
  }
  return out.slice(0, tokens);
}

interface Segment {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  bytes: number;
  messages: number;
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map(({ name, value }) => [name, value]));
}

/** Dispatches the messages in the page, `perFrame` token messages per animation frame, all within one evaluate. */
async function stream(page: Page, messages: HostMessage[], perFrame: number): Promise<void> {
  await page.evaluate(`(async () => {
    const messages = ${JSON.stringify(messages)};
    let sinceFrame = 0;
    for (const message of messages) {
      window.__hostSend(message);
      if (message.type === 'debate-event' && message.event.type === 'token' && ++sinceFrame >= ${perFrame}) {
        sinceFrame = 0;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  })()`);
}

async function measured(page: Page, cdp: CDPSession, messages: HostMessage[]): Promise<Segment> {
  const before = await metrics(cdp);
  await stream(page, messages, 1);
  const after = await metrics(cdp);
  const delta = (name: string): number => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  return {
    taskMs: delta('TaskDuration'),
    scriptMs: delta('ScriptDuration'),
    layoutMs: delta('LayoutDuration'),
    styleMs: delta('RecalcStyleDuration'),
    bytes: messages.reduce((sum, message) => sum + JSON.stringify(message).length, 0),
    messages: messages.length,
  };
}

function turnMessages(index: number, tokens: string[]): HostMessage[] {
  return [turnStart(index), ...tokenMessages(index, tokens, TOKENS_PER_BATCH), turnEnd(index, tokens.join(''))];
}

function describe(label: string, segment: Segment): string {
  const perToken = (ms: number): string => `${((ms / TOKENS_PER_TURN) * 1000).toFixed(1)} µs`;
  return `${label}: main thread ${segment.taskMs.toFixed(0)} ms = ${perToken(segment.taskMs)}/token `
    + `(script ${perToken(segment.scriptMs)}, style ${perToken(segment.styleMs)}, layout ${perToken(segment.layoutMs)}); `
    + `${segment.messages} messages, ${segment.bytes} bytes (${(segment.bytes / TOKENS_PER_TURN).toFixed(1)} B/token)`;
}

async function main(): Promise<void> {
  const server = await startPanelServer(await bundleWebview());
  const browser = await launchChromium();
  try {
    const panel = await PanelPage.open(browser, server.origin, { width: 1200, height: 800 });
    const cdp = await panel.page.context().newCDPSession(panel.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await panel.send(init(), runStart('Should cities ban cars from their centres?', TURNS / 2), status('speaking'));

    const next = random(42);
    const turns = Array.from({ length: TURNS }, () => turnText(TOKENS_PER_TURN, next));
    const first = await measured(panel.page, cdp, turnMessages(0, turns[0]!));
    let middleBytes = 0;
    for (let index = 1; index < TURNS - 1; index += 1) {
      const messages = turnMessages(index, turns[index]!);
      middleBytes += messages.reduce((sum, message) => sum + JSON.stringify(message).length, 0);
      await stream(panel.page, messages, FAST_BATCHES_PER_FRAME);
    }
    const last = await measured(panel.page, cdp, turnMessages(TURNS - 1, turns[TURNS - 1]!));

    const domNodes = await panel.page.evaluate('document.getElementsByTagName("*").length');
    const totalTokens = TURNS * TOKENS_PER_TURN;
    const totalBytes = first.bytes + middleBytes + last.bytes;
    const ratio = last.taskMs / first.taskMs;
    console.log(`webview: ${TURNS} turns x ${TOKENS_PER_TURN} tokens, ${TOKENS_PER_BATCH} tokens per message, one message per frame while measured`);
    console.log(`bytes posted host->webview: ${totalBytes} for ${totalTokens} tokens (${(totalBytes / totalTokens).toFixed(1)} B/token); DOM elements at the end: ${domNodes}`);
    console.log(describe('first 1,000 tokens', first));
    console.log(describe('last 1,000 tokens ', last));
    console.log(`ratio last/first: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`);
    await panel.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
