import { Router } from 'express';
import { STATEMENT_PREPARED, type StatementHost } from '../../shared/protocol/accessibility';
import type { Config } from '../config';

/** GET /api/accessibility: the host's part of the accessibility statement (publisher, contact, dates). Public. */
export function accessibilityRoutes(config: Config): Router {
  const router = Router();
  const host: StatementHost = {
    entity: config.ACCESSIBILITY_ENTITY ?? null,
    contact: { name: config.ACCESSIBILITY_CONTACT_NAME ?? null, email: config.ACCESSIBILITY_CONTACT_EMAIL ?? null, phone: config.ACCESSIBILITY_CONTACT_PHONE ?? null },
    published: config.ACCESSIBILITY_PUBLISHED ?? null,
    prepared: STATEMENT_PREPARED,
  };
  router.get('/accessibility', (_req, res) => {
    res.json(host);
  });
  return router;
}
