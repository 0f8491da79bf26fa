import express from 'express';
import type { Viewer } from '../../auth/viewer';
import { AppError, ErrorCode } from '../../core/errors';
import { isDatabaseUnavailable } from '../../db/unavailable';
import type { AttachmentService, Variant } from './attachment.service';

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Refusals in the shape GraphQL answers them, so the console reads both the same way. */
function refuse(res: express.Response, err: AppError, status = STATUS[err.code] ?? 400): void {
  res.status(status).json({ errors: [{ message: err.message, extensions: err.extensions }] });
}

/**
 * The bytes of attachments, beside /graphql. PUT /attachments/upload/:token takes one file's raw
 * bytes for a link from requestAttachmentUpload, with the same bearer token as GraphQL (no cookie
 * is read, so another site cannot make a browser upload). GET /attachments/:id/(file|thumbnail)
 * serves a signed link from the `url` fields, inert: never run by the browser as a page.
 * GET /media/<id>-<signature>.<ext> serves Open311's media_url (AttachmentService.media).
 */
export function attachmentRoutes(service: AttachmentService, viewerOf: (authorization: unknown) => Promise<{ viewer: Viewer | null; authError?: AppError }>) {
  const router = express.Router();

  router.put(
    '/attachments/upload/:token',
    async (req, res, next) => {
      try {
        const { viewer, authError } = await viewerOf(req.headers.authorization);
        if (!viewer) return refuse(res, authError ?? AppError.unauthenticated());
        res.locals.viewer = viewer;
        next();
      } catch (err) {
        next(err);
      }
    },
    // Made per request: the limit is read when the file arrives.
    (req, res, next) =>
      express.raw({ type: () => true, limit: service.limits.maxFileBytes })(req, res, (err?: unknown) => {
        const e = err as { type?: string } | undefined;
        if (e?.type === 'entity.too.large') return refuse(res, AppError.field('file', service.tooBig()), 413);
        next(err);
      }),
    async (req, res, next) => {
      try {
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const a = await service.receive(res.locals.viewer as Viewer, String(req.params.token), bytes);
        res.status(201).json({
          id: String(a.id),
          fileName: a.fileName,
          kind: a.kind,
          mimeType: a.mimeType,
          size: a.size,
          width: a.width,
          height: a.height,
        });
      } catch (err) {
        if (err instanceof AppError) return refuse(res, err);
        if (isDatabaseUnavailable(err)) return refuse(res, new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Server sedang sibuk; coba lagi.'));
        next(err);
      }
    },
  );

  // Open311's media_url: public, so shared caches may keep it, but only ten minutes: a photo can be removed.
  router.get(/^\/media\/(\d{1,10})-([A-Za-z0-9_-]{22})\.(jpg|png|webp)$/, async (req, res, next) => {
    try {
      const params = req.params as unknown as Record<string, string>;
      const m = await service.media(params[0], params[1], req.headers['if-none-match']);
      res.setHeader('Cache-Control', 'public, max-age=600');
      res.setHeader('ETag', m.etag);
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (m.notModified) return void res.status(304).end();
      res.setHeader('Content-Type', m.mimeType);
      res.setHeader('Content-Length', String(m.body!.length));
      res.end(m.body);
    } catch (err) {
      if (err instanceof AppError) return refuse(res, err);
      next(err);
    }
  });

  router.get('/attachments/:id/:variant', async (req, res, next) => {
    const variant = req.params.variant as Variant;
    if (variant !== 'file' && variant !== 'thumbnail') return refuse(res, AppError.notFound('Attachment'));
    try {
      const file = await service.download(String(req.params.id), variant, req.query.h, req.query.e, req.query.s);
      const inline = file.mimeType.startsWith('image/');
      res.setHeader('Content-Type', file.mimeType);
      res.setHeader('Content-Length', String(file.body.length));
      // Never a page of this origin, whatever the bytes: no scripts, no plugins, a sandbox of its own.
      res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
      res.setHeader('Cache-Control', 'private, max-age=300');
      res.setHeader(
        'Content-Disposition',
        `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(variant === 'thumbnail' ? `thumb-${file.fileName}.jpg` : file.fileName)}`,
      );
      res.end(file.body);
    } catch (err) {
      if (err instanceof AppError) return refuse(res, err);
      next(err);
    }
  });
  return router;
}
