import type { Db } from '../db/database.ts';
import { AssignmentService } from './assignment.service.ts';
import { CommitteeService } from './committee.service.ts';
import { ConflictService } from './conflict.service.ts';
import { EvaluatorService } from './evaluator.service.ts';
import type { ReviewServices } from './review.routes.ts';
import { ReviewService } from './review.service.ts';
import { ScreeningService } from './screening.service.ts';

/** The services of the review (pool, conflicts, assignment, scoring, committee, screening). */
export function createReviewServices(db: Db): ReviewServices {
  return {
    evaluators: new EvaluatorService(db),
    conflicts: new ConflictService(db),
    assignments: new AssignmentService(db),
    reviews: new ReviewService(db),
    committee: new CommitteeService(db),
    screening: new ScreeningService(db),
  };
}
