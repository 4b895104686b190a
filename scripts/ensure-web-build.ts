/** `npm run build:web:if-stale` (and `pretest`): builds web/dist only when it is missing or stale. */
import { ensureWebBuild } from '#functions/local/web-app.ts';

await ensureWebBuild();
