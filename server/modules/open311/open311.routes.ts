import crypto from 'node:crypto';
import express from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { Permission } from '../../auth/permissions';
import { clientCan } from '../../auth/viewer';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { ApiClient } from '../api-clients/api-client.entity';
import type { Services } from '../../app/services';
import { createRequest, findRequest, findRequests, listServices, Open311Error } from './open311.service';

type Format = 'json' | 'xml';
type MakeContext = (client: ApiClient | null, source: string) => Context;

const xml = new XMLBuilder({ format: true, suppressEmptyNode: false });
const toXml = (root: string, item: string | null, value: unknown) =>
  `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: item ? { [item]: value } : value })}`;

function send(res: express.Response, format: Format, status: number, root: string, item: string | null, value: unknown) {
  res.status(status);
  if (format === 'xml') res.type('application/xml').send(toXml(root, item, value));
  else res.json(value);
}

const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 403, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, BAD_USER_INPUT: 400, CONFLICT: 409 };

/**
 * Open311 GeoReport v2 at /open311/v2/ (discovery, services, requests, tokens), JSON or XML by
 * the path's extension, on top of the same services as GraphQL: a POST is a submission through
 * ComplaintService with the app's key, reads show non-confidential complaints' public facts only.
 */
export function open311Routes(
  services: Services,
  makeContext: MakeContext,
  sourceOf: (req: express.Request) => string,
  /** This server's origin as the caller reached it (`https://lapor.example.go.id`). */
  origin: (req: express.Request) => string,
) {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }));

  /** The app's key (api_key as the spec says, or x-api-key), counted against its own limit; without one, the address's public limit. */
  async function caller(req: express.Request, needsKey: boolean): Promise<Context> {
    const raw = (req.body?.api_key as string | undefined) ?? (req.query.api_key as string | undefined) ?? req.headers['x-api-key'];
    const source = sourceOf(req);
    if (!raw) {
      if (needsKey) throw new Open311Error(403, 'api_key is required to submit a service request');
      await services.limits.publicRead.check(`open311:${source}`, 'Open311 requests');
      return makeContext(null, source);
    }
    const client = await services.apiClients.resolve(raw);
    if (!client) throw new Open311Error(403, 'api_key is not valid');
    await services.apiClients.charge(client);
    const needed = needsKey ? Permission.APP_SUBMIT : Permission.APP_PUBLIC_READ;
    if (!clientCan(client, needed)) throw new Open311Error(403, `this api_key lacks the scope ${needsKey ? 'complaints:submit' : 'public:read'}`);
    return makeContext(client, source);
  }

  router.use(async (req, res, next) => {
    const m = /^\/(discovery|services|requests|tokens)(?:\/([^/]+?))?(?:\.(json|xml))?$/.exec(req.path);
    if (!m) return next();
    const [, resource, id, ext] = m;
    const format: Format = ext === 'xml' ? 'xml' : 'json';
    try {
      if (resource === 'discovery' && req.method === 'GET' && !id) {
        const url = `${origin(req)}/open311/v2/`;
        const discovery = {
          changeset: '2026-12-07T00:00:00Z',
          contact: 'Diskominsta Kota Magelang',
          key_service: 'API keys are issued by the city administrator (console: Aplikasi Eksternal).',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url,
              changeset: '2026-12-07T00:00:00Z',
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        };
        if (format === 'xml') {
          const endpoint = { ...discovery.endpoints[0], formats: { format: discovery.endpoints[0].formats } };
          return send(res, format, 200, 'discovery', null, { ...discovery, endpoints: { endpoint } });
        }
        return send(res, format, 200, 'discovery', null, discovery);
      }
      if (resource === 'services' && req.method === 'GET') {
        const ctx = await caller(req, false);
        if (id) throw new Open311Error(404, `service ${id} has no service definition (its metadata is false)`);
        return send(res, format, 200, 'services', 'service', await listServices(ctx));
      }
      if (resource === 'requests' && req.method === 'POST' && !id) {
        const ctx = await caller(req, true);
        const created = await createRequest(ctx, req.body ?? {});
        return send(res, format, 201, 'service_requests', 'request', [created]);
      }
      if (resource === 'requests' && req.method === 'GET') {
        const ctx = await caller(req, false);
        const base = origin(req);
        const found = id ? [await findRequest(ctx, decodeURIComponent(id), base)] : await findRequests(ctx, req.query as Record<string, unknown>, base);
        return send(res, format, 200, 'service_requests', 'request', found);
      }
      if (resource === 'tokens' && req.method === 'GET' && id) {
        // Requests get their id at once, so a token is the id itself.
        const ctx = await caller(req, false);
        const found = await findRequest(ctx, decodeURIComponent(id), origin(req));
        return send(res, format, 200, 'service_requests', 'request', [{ service_request_id: found.service_request_id, token: found.service_request_id }]);
      }
      throw new Open311Error(req.method === 'GET' || req.method === 'POST' ? 404 : 405, `${req.method} ${req.path} is not part of GeoReport v2 here`);
    } catch (err) {
      let status = 500;
      let description = 'Internal server error';
      if (err instanceof Open311Error) [status, description] = [err.status, err.message];
      else if (err instanceof AppError) [status, description] = [STATUS_OF_CODE[String(err.extensions.code)] ?? 400, err.message];
      else services.log.error({ err, requestId: crypto.randomUUID() }, 'open311 failed');
      if (status === 429 && err instanceof AppError) res.setHeader('retry-after', String(err.extensions.retryAfterSeconds ?? 60));
      return send(res, format, status, 'errors', 'error', [{ code: status, description }]);
    }
  });
  return router;
}
