import type { Mount } from '#functions/api/mount.ts';
import { certificateUploadRoutes } from '#functions/api/development/certificates.ts';
import { mentorRoutes } from '#functions/api/development/mentors.ts';
import { mentorshipRoutes } from '#functions/api/development/mentorships.ts';
import { trainingEventRoutes } from '#functions/api/development/training-events.ts';
import { trainingHoursRoutes } from '#functions/api/development/training-hours.ts';
import { workerDevelopmentRoutes } from '#functions/api/development/worker-development.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'development' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const developmentMounts = (deps: Dependencies): Mount[] => [
  ['/v1/training-events', trainingEventRoutes(deps)],
  ['/v1/training-hours', trainingHoursRoutes(deps)],
  ['/v1/mentorships', mentorshipRoutes(deps)],
  ['/v1/mentors', mentorRoutes(deps)],
  ['/v1/workers', workerDevelopmentRoutes(deps)],
  ['/v1/certificates', certificateUploadRoutes(deps)],
];
