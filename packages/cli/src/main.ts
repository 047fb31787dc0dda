import { Command } from 'commander';
import { registerCycleCommands } from './commands/cycle.command.ts';
import { registerDatabaseCommands } from './commands/database.command.ts';
import { registerDeliveryCommands } from './commands/delivery.command.ts';
import { registerEvaluationCommands } from './commands/evaluation.command.ts';
import { registerIntakeCommands } from './commands/intake.command.ts';
import { registerMapCommands } from './commands/map.command.ts';
import { registerActivityCommands } from './commands/network.command.ts';
import { registerNetworkCommands } from './commands/network-analysis.command.ts';
import { registerReviewCommands } from './commands/review.command.ts';
import { registerServeCommand } from './commands/serve.command.ts';
import { registerUserCommands } from './commands/user.command.ts';
import { registerTransferCommands } from './commands/transfer.command.ts';

/** The `innocluster` command line: thin commands over the server's services. */
export function createProgram(): Command {
  const program = new Command('innocluster')
    .description('Run, map and evaluate innovation-cluster programmes (Korean model)')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerServeCommand(program);
  registerDatabaseCommands(program);
  registerUserCommands(program);
  registerTransferCommands(program);
  registerMapCommands(program);
  registerNetworkCommands(program);
  registerActivityCommands(program);
  registerIntakeCommands(program);
  registerDeliveryCommands(program);
  registerReviewCommands(program);
  registerEvaluationCommands(program);
  // After the groups it adds steps to (demands, calls, proposals, projects, review).
  registerCycleCommands(program);
  return program;
}

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  console.error(`innocluster: ${(error as Error).message}`);
  process.exitCode = 1;
}
