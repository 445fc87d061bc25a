import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, in the order they should start. Vitest orders files by their last
 * durations, which a clean clone (CI) does not have: it then starts them in path order, and the browser
 * files (test/e2e/) came last, so one worker ran them alone at the end. Starting them first lets the
 * short files fill the gaps. One browser file first (it builds the web app), then files that need no
 * web build, so the other worker is not left waiting for it.
 */
const SLOW_FIRST: RegExp[] = [
  /^test\/e2e\/supply\.test\.ts$/,
  /^src\/cli\/cli\.test\.ts$/,
  /^test\/access\/leak-crawl\.test\.ts$/,
  /^src\/modules\/energy\/energy\.demo\.test\.ts$/,
  /^test\/e2e\//,
  /\.cli\.test\.ts$|\.commands\.test\.ts$|^src\/db\/backup\.test\.ts$/,
  /^src\/demo\//,
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification): number => {
      const relative = path.relative(root, file.moduleId).split(path.sep).join('/');
      const i = SLOW_FIRST.findIndex((pattern) => pattern.test(relative));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: within a rank, the base order (longest last time first) stays.
    return sorted.map((file) => ({ file, rank: rank(file) })).sort((a, b) => a.rank - b.rank).map(({ file }) => file);
  }
}
