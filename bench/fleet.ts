import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A process of screens (bench/subscribers.ts), asked over IPC. */
export type Screens = { child: ChildProcess; ask: <T>(type: 'arm' | 'collect' | 'stats') => Promise<T>; close: () => void };

const REPLIES = { arm: 'armed', collect: 'times', stats: 'stats' } as const;

/** Starts `count` screens on `url` (several, comma-separated: spread round robin) and resolves once all are subscribed. */
export function screens(url: string, mode: 'graphql' | 'raw', count: number, token: string, query = '', variables = {}): Promise<Screens> {
  const child = fork(path.resolve('bench/subscribers.ts'), [url, mode, String(count), token, query, JSON.stringify(variables)], {
    execArgv: ['--import', 'tsx'],
  });
  const waiting = new Map<string, (value: unknown) => void>();
  child.on('message', (m: { type: string }) => {
    if (m.type === 'error') console.error('subscriber process:', m);
    waiting.get(m.type)?.(m);
  });
  const expect = <T>(type: string) => new Promise<T>((resolve) => waiting.set(type, resolve as (value: unknown) => void));
  return expect('ready').then(() => ({
    child,
    close: () => {
      if (child.connected) child.send({ type: 'close' });
    },
    ask: <T>(type: 'arm' | 'collect' | 'stats') => {
      const answer = expect<T>(REPLIES[type]);
      child.send({ type });
      return answer;
    },
  }));
}

/** A floor broadcaster (bench/floor-ws.ts) in its own process: its port, and a way to ask it. */
export type Floor = { port: number; ask: <T>(type: 'broadcast' | 'drop' | 'close', extra?: object) => Promise<T> };

const FLOOR_REPLIES = { broadcast: 'sent', drop: 'dropped', close: 'closed' } as const;

export async function startFloor(): Promise<Floor> {
  const child = fork(path.resolve('bench/floor-ws.ts'), [], { execArgv: ['--import', 'tsx'] });
  const next = <T>(reply: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== reply) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
    });
  const { port } = await next<{ port: number }>('listening');
  return {
    port,
    ask: <T>(type: 'broadcast' | 'drop' | 'close', extra: object = {}) => {
      const answer = type === 'close' ? Promise.resolve(undefined as T) : next<T>(FLOOR_REPLIES[type]);
      child.send({ type, ...extra });
      return answer;
    },
  };
}
