import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderSVG } from 'uqr';
import { LINK_QR_PATH, LINK_STATUS_PATH, type LinkStatus } from '../channels/whatsapp/link-status.ts';
import { sameSecret } from './secret.ts';

export interface WhatsAppLinkOptions {
  /** The state the owner of the number last published; null when no process owns it. */
  read(): Promise<LinkStatus | null>;
  /** ADMIN_TOKEN, or the token derived from SECRET_KEY (`npm run admin:token`). */
  adminToken: string;
}

/** The admin token, as a bearer token or as the password of HTTP basic auth (so a browser can ask for it). */
function tokenOf(request: FastifyRequest): string | null {
  const [scheme, value] = (request.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && value) return value;
  if (scheme === 'Basic' && value) return Buffer.from(value, 'base64').toString('utf8').split(':').slice(1).join(':');
  return null;
}

/**
 * What an admin needs to link the WhatsApp number: its state, and the QR code to scan from the screen. For
 * admins only, until the officer console has accounts; the answers are never cached.
 */
export async function whatsappLinkRoutes(app: FastifyInstance, options: WhatsAppLinkOptions): Promise<void> {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (sameSecret(tokenOf(request), options.adminToken)) return;
    request.log.warn({ route: request.routeOptions.url }, 'admin request with a wrong or missing token');
    return reply
      .code(401)
      .header('www-authenticate', 'Basic realm="Mohalla admin", charset="UTF-8"')
      .send({ statusCode: 401, error: 'Unauthorized', message: 'admin token required' });
  });

  app.get(LINK_STATUS_PATH, async () => {
    const status = await options.read();
    if (!status) return { state: 'offline' };
    if (status.state === 'scan-qr') return { state: status.state, since: status.since, qr: LINK_QR_PATH };
    return status;
  });

  app.get(LINK_QR_PATH, async (_request, reply) => {
    const status = await options.read();
    if (status?.state !== 'scan-qr') {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no QR code to scan (state: ${status?.state ?? 'offline'})` });
    }
    return reply.type('image/svg+xml').send(renderSVG(status.qr));
  });
}
