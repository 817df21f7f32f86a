import { Policy, PolicyTask, runPolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** Runs the task as is: the neutral element of composition and a default for optional policies. */
export class NoopPolicy implements Policy {
  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    return runPolicyTask(task, context ?? PolicyContext.create());
  }
}
