import '#shared/usecases/hiring-stats.ts';
import '#shared/usecases/careers-stats.ts';
import '#shared/usecases/development-stats.ts';
import '#shared/usecases/evaluation-stats.ts';
