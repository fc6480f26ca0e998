import { readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../engine/library/library-fs';
import { type LockInfo, type LockOwner, acquireLock, describeHolder, inspectLock, lockState } from '../../engine/library/lock';
import { faultyFs, systemError, tempFolder } from './fixtures';

const HOST = 'desk';
const CLI: LockOwner = { pid: 1111, hostname: HOST, app: 'CLI' };
const WINDOW: LockOwner = { pid: 2222, hostname: HOST, app: 'VS Code', label: 'my-project' };
const T0 = new Date('2026-12-01T11:00:00.000Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const clock = (seconds: number) => () => at(seconds);
const everyoneAlive = (): boolean => true;

function lockFile(folder: string): LockInfo {
  return JSON.parse(readFileSync(join(folder, 'lock.json'), 'utf8')) as LockInfo;
}

describe('debate lock', () => {
  it('is taken when free, and names its holder', () => {
    const folder = tempFolder();
    const result = acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive, token: () => 'tok-cli' });
    expect(result.ok).toBe(true);
    expect(lockFile(folder)).toEqual({ ...CLI, token: 'tok-cli', acquiredAt: T0.toISOString(), heartbeatAt: T0.toISOString() });
    expect(lockState(nodeFs, folder, at(1), everyoneAlive, HOST)).toBe('held');
  });

  it('is refused while its holder is alive and beating, with who holds it', () => {
    const folder = tempFolder();
    acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive });
    const second = acquireLock(nodeFs, folder, WINDOW, clock(29), { isAlive: everyoneAlive });
    expect(second).toMatchObject({ ok: false, holder: { pid: 1111, app: 'CLI', hostname: HOST } });
    if (second.ok) throw new Error('unreachable');
    expect(describeHolder(second.holder)).toBe('running in the CLI (pid 1111) on host desk');
  });

  it('is taken over when its holder on this host is dead', () => {
    const folder = tempFolder();
    acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive });
    const isAlive = (pid: number): boolean => pid !== CLI.pid;
    expect(lockState(nodeFs, folder, at(1), isAlive, HOST)).toBe('stale');
    const second = acquireLock(nodeFs, folder, WINDOW, clock(1), { isAlive, token: () => 'tok-win' });
    expect(second.ok).toBe(true);
    expect(lockFile(folder)).toMatchObject({ pid: 2222, token: 'tok-win' });
    expect(readdirSync(folder)).toEqual(['lock.json']);
  });

  it('a dead pid on another host proves nothing (pids are per host): only the heartbeat counts there', () => {
    const folder = tempFolder();
    acquireLock(nodeFs, folder, { ...CLI, hostname: 'gpu-box' }, clock(0), { isAlive: everyoneAlive });
    const noneAlive = (): boolean => false;
    expect(acquireLock(nodeFs, folder, WINDOW, clock(10), { isAlive: noneAlive })).toMatchObject({ ok: false, holder: { hostname: 'gpu-box' } });
    expect(acquireLock(nodeFs, folder, WINDOW, clock(31), { isAlive: noneAlive }).ok).toBe(true);
  });

  it('is taken over when its heartbeat is older than 30 s, even if the pid is alive (reused by another process)', () => {
    const folder = tempFolder();
    acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive });
    expect(lockState(nodeFs, folder, at(30), everyoneAlive, HOST)).toBe('held');
    expect(lockState(nodeFs, folder, at(31), everyoneAlive, HOST)).toBe('stale');
    expect(acquireLock(nodeFs, folder, WINDOW, clock(31), { isAlive: everyoneAlive }).ok).toBe(true);
  });

  it('heartbeat keeps it held', () => {
    const folder = tempFolder();
    let now = at(0);
    const result = acquireLock(nodeFs, folder, CLI, () => now, { isAlive: everyoneAlive });
    if (!result.ok) throw new Error('not acquired');
    now = at(25);
    expect(result.lock.heartbeat()).toBe(true);
    expect(lockFile(folder).heartbeatAt).toBe(at(25).toISOString());
    expect(result.lock.info.heartbeatAt).toBe(at(25).toISOString());
    expect(lockState(nodeFs, folder, at(50), everyoneAlive, HOST)).toBe('held');
    expect(readdirSync(folder)).toEqual(['lock.json']);
  });

  it('release removes only our own lock; a holder that lost it finds out from heartbeat', () => {
    const folder = tempFolder();
    const first = acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive, token: () => 'first' });
    if (!first.ok) throw new Error('not acquired');
    // The first holder stalled (laptop asleep) past 30 s: the window takes over.
    const second = acquireLock(nodeFs, folder, WINDOW, clock(40), { isAlive: everyoneAlive, token: () => 'second' });
    if (!second.ok) throw new Error('not taken over');
    expect(first.lock.heartbeat()).toBe(false);
    expect(first.lock.release()).toBe(false);
    expect(lockFile(folder).token).toBe('second');
    expect(second.lock.release()).toBe(true);
    expect(lockState(nodeFs, folder, at(41), everyoneAlive, HOST)).toBe('free');
    expect(second.lock.release()).toBe(false);
  });

  it('lockState: free with no lock file', () => {
    expect(lockState(nodeFs, tempFolder(), T0, everyoneAlive, HOST)).toBe('free');
    expect(inspectLock(nodeFs, tempFolder(), T0, everyoneAlive, HOST)).toEqual({ state: 'free', holder: null });
  });

  it('a damaged lock file counts as held while young (its creator may be writing it), stale after 30 s', () => {
    const folder = tempFolder();
    const path = join(folder, 'lock.json');
    writeFileSync(path, '');
    const now = new Date();
    expect(inspectLock(nodeFs, folder, now, everyoneAlive, HOST)).toEqual({ state: 'held', holder: null });
    expect(acquireLock(nodeFs, folder, CLI, () => now, { isAlive: everyoneAlive })).toEqual({ ok: false, holder: null });
    const old = new Date(now.getTime() - 60_000);
    utimesSync(path, old, old);
    expect(lockState(nodeFs, folder, now, everyoneAlive, HOST)).toBe('stale');
    expect(acquireLock(nodeFs, folder, CLI, () => now, { isAlive: everyoneAlive }).ok).toBe(true);
  });

  it("two takers of one stale lock: the one that arrives second keeps the first one's fresh lock intact", () => {
    const folder = tempFolder();
    const path = join(folder, 'lock.json');
    acquireLock(nodeFs, folder, CLI, clock(0), { isAlive: everyoneAlive, token: () => 'dead' });
    // While this taker is about to move the stale lock aside, another process has already
    // replaced it with its own fresh lock.
    let raced = false;
    const fsys = faultyFs((operation, target) => {
      if (operation === 'renameSync' && target === path && !raced) {
        raced = true;
        nodeFs.writeFileSync(path, JSON.stringify({ ...WINDOW, token: 'winner', acquiredAt: at(60).toISOString(), heartbeatAt: at(60).toISOString() }));
      }
      return null;
    });
    const late = acquireLock(fsys, folder, { ...CLI, pid: 3333 }, clock(60), { isAlive: everyoneAlive, token: () => 'late' });
    expect(late).toMatchObject({ ok: false, holder: { token: 'winner', pid: 2222 } });
    expect(lockFile(folder).token).toBe('winner');
    expect(readdirSync(folder)).toEqual(['lock.json']);
  });

  it('a create that fails half-way (disk full) leaves no lock behind to block the debate', () => {
    const folder = tempFolder();
    const path = join(folder, 'lock.json');
    const fsys = faultyFs((operation, target) => {
      if (operation === 'writeFileSync' && target === path) {
        nodeFs.writeFileSync(path, '{"pid"', { flag: 'wx' }); // the part written before the disk filled up
        return systemError('ENOSPC', 'no space left on device', path);
      }
      return null;
    });
    expect(() => acquireLock(fsys, folder, CLI, clock(0), { isAlive: everyoneAlive })).toThrow(/ENOSPC/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('describeHolder says where the debate runs', () => {
    const info = (owner: LockOwner): LockInfo => ({ ...owner, token: 't', acquiredAt: '', heartbeatAt: '' });
    expect(describeHolder(info(WINDOW))).toBe('running in VS Code (my-project) (pid 2222) on host desk');
    expect(describeHolder(info({ ...WINDOW, label: undefined }))).toBe('running in VS Code (pid 2222) on host desk');
    expect(describeHolder(null)).toBe('being opened by another program');
  });

  it('the default liveness check sees this process alive and a dead one dead', async () => {
    const { processIsAlive } = await import('../../engine/library/lock');
    expect(processIsAlive(process.pid)).toBe(true);
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(processIsAlive(Number(child.stdout))).toBe(false);
  });
});
