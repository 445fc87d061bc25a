/** One capability's progress: how much of its total is written. */
export interface DemoStep {
  update(written: number): void;
  done(written: number): void;
}

/** Starts a capability's step (the CLI draws one bar per step on stderr); `total` is what `update` counts up to. */
export type DemoProgress = (capability: string, total?: number) => DemoStep;

export const silentProgress: DemoProgress = () => ({ update: () => undefined, done: () => undefined });
