import { defineCommand, outputOption } from '../../cli/command.js';

/** Needs no database: it reads a problem file and writes a plan. */
export const planGeneratorsCommand = defineCommand({
  name: ['plan', 'generators'],
  summary: 'solve a generator allocation problem (DESIGN §6)',
  options: {
    input: { type: 'string', short: 'i', value: 'FILE', required: true, existingFile: true, help: 'the allocation problem, JSON' },
    output: { ...outputOption, help: 'the plan file to write, JSON (standard output when absent)' },
    'time-limit': { type: 'integer', value: 'S', help: "seconds the solver may take before it answers with the best plan found" },
  },
  handler: async (args, { stdout, stderr }) => {
    // Loaded on demand: the solver and HiGHS are heavy and only this command needs them.
    const { planGeneratorsCommand: solve } = await import('./plan-generators.command.js');
    return solve({ input: args.input, stdout, stderr, ...(args.output === undefined ? {} : { output: args.output }), ...(args['time-limit'] === undefined ? {} : { timeLimitSeconds: args['time-limit'] }) });
  },
});
